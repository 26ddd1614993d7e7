// Next's start-up hook: runs the reconciler inside the app (Node runtime only). Replicas
// compete for one advisory lock, so exactly one of them reconciles at a time.
// BERTH_RECONCILER=0 turns it off (tests, benchmarks, or when `npm run reconcile --watch` runs apart).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.BERTH_RECONCILER === "0" || !process.env.DATABASE_URL) return;
  const { startReconcilerLoop } = await import("./lib/cluster/loop");
  startReconcilerLoop();
}
