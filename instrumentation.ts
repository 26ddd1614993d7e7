// Next's start-up hook: checks every setting (a bad one stops the start with one line naming
// it), warns when the database role could rewrite the audit trail, then runs the reconciler inside the app (Node runtime only). Replicas compete for one
// advisory lock, so exactly one of them reconciles at a time.
// BERTH_RECONCILER=0 turns it off (tests, benchmarks, or when `npm run reconcile --watch` runs apart).
export async function register(): Promise<void> {
  // NEXT_RUNTIME is replaced at build time, not a setting: this exact check lets Next leave the
  // Node-only code below out of the Edge bundle.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkSettingsAtStart, reconcilerSettings } = await import("./lib/config");
  checkSettingsAtStart();
  // Does not hold the start up: readiness and the admin banner report the same (THREATS 75).
  void import("./lib/db/role-safety").then(({ warnAboutDatabaseRole }) => warnAboutDatabaseRole());
  if (!reconcilerSettings().enabled) return;
  const { startReconcilerLoop } = await import("./lib/jobs/loop");
  startReconcilerLoop();
}
