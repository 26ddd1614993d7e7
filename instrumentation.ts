// Next's start-up hook: checks every setting (a bad one stops the start with one line naming
// it), starts counting and logging requests, warns when the database role could rewrite the
// audit trail, then runs the reconciler inside the app (Node runtime only). Replicas compete
// for one advisory lock, so exactly one of them reconciles at a time.
// BERTH_RECONCILER=0 turns it off (tests, benchmarks, or when `npm run reconcile --watch` runs apart).
// SIGTERM/SIGINT stop it all cleanly (lib/telemetry/shutdown.ts).
export async function register(): Promise<void> {
  // NEXT_RUNTIME is replaced at build time, not a setting: this exact check lets Next leave the
  // Node-only code below out of the Edge bundle.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkSettingsAtStart, reconcilerSettings, telemetrySettings } = await import("./lib/config");
  checkSettingsAtStart();
  const { observeHttpRequests, closeServers } = await import("./lib/telemetry/http");
  observeHttpRequests();
  // Does not hold the start up: readiness and the admin banner report the same (THREATS 75).
  void import("./lib/db/role-safety").then(({ warnAboutDatabaseRole }) => warnAboutDatabaseRole());
  const steps: import("./lib/telemetry/shutdown").ShutdownStep[] = [{ name: "finish requests in flight", phase: "stop", run: closeServers }];
  if (reconcilerSettings().enabled) {
    const { startReconcilerLoop } = await import("./lib/jobs/loop");
    // Waits for the pass in flight, then releases the leader lock so another replica takes over at once.
    steps.push({ name: "stop the reconciler", phase: "stop", run: startReconcilerLoop() });
  }
  const { db } = await import("./lib/db/client");
  steps.push({ name: "close the database pool", phase: "release", run: () => db.$disconnect() });
  const { log } = await import("./lib/telemetry/logger");
  const { handleShutdownSignals } = await import("./lib/telemetry/shutdown");
  const { shutdownGraceMs, berthHandlesSignals } = telemetrySettings();
  handleShutdownSignals({ steps, graceMs: shutdownGraceMs, log, exitWhenDone: berthHandlesSignals });
}
