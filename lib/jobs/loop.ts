// The reconciler inside the app: every interval, take (or keep) the leader lock, run the
// workflow's timed jobs and a reconcile pass.
// Started from Next's instrumentation hook; a replica that is not the leader only retries the lock.
import "server-only";
import { reconcileOnce, ReconcilerLock } from "@/lib/cluster/reconciler";
import { reconcilerSettings } from "@/lib/config";
import { makeCheckpoint } from "@/lib/audit-trail/checkpoints";
import { db } from "@/lib/db/client";
import { log as logger } from "@/lib/telemetry/logger";
import { recordReconcilePass } from "@/lib/telemetry/metrics";
import { runWorkflowJobs } from "./workflow-jobs";

export function startReconcilerLoop(log: (line: string) => void = (line) => logger.info(line)): () => Promise<void> {
  const { intervalMs } = reconcilerSettings();
  const lock = new ReconcilerLock();
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    let passStart: number | undefined;
    try {
      if (!(await lock.tryAcquire())) return;
      passStart = performance.now();
      // The workflow's timed steps first (expiry, notices, webhook delivery), so that a workspace
      // that just expired is held in the cluster by the pass that follows.
      const jobs = await runWorkflowJobs(new Date());
      if (jobs.expiredRequests || jobs.expiredWorkspaces.length || jobs.expiryNotices) {
        log(`[berth] workflow: ${jobs.expiredRequests} requests expired, ${jobs.expiredWorkspaces.length} workspaces expired, ${jobs.expiryNotices} expiry notices, ${jobs.endedWithWorkspace.length} contributors ended with their workspace`);
      }
      // Signs a checkpoint when N events or M minutes have passed (lib/audit-trail/checkpoints.ts).
      const checkpoint = await makeCheckpoint(db).catch((error: unknown) => ({ made: false as const, reason: `failed: ${(error as Error).message}` }));
      if (checkpoint.made) log(`[berth] audit checkpoint ${checkpoint.treeSize} signed (witness: ${checkpoint.witness})`);
      else if (checkpoint.reason.startsWith("failed")) log(`[berth] audit checkpoint ${checkpoint.reason}`);
      const report = await reconcileOnce();
      recordReconcilePass(report, (performance.now() - passStart) / 1000);
      if (report.attempted.length || report.scanError) {
        log(`[berth] reconcile: ${report.attempted.length} attempted, ${report.drifted} drifted, ${report.unmanaged} unmanaged${report.scanError ? `, scan failed: ${report.scanError.failure}` : ""}`);
      }
    } catch (error) {
      // Never crash the app for the reconciler; the next tick tries again.
      if (passStart !== undefined) recordReconcilePass(error as Error, (performance.now() - passStart) / 1000);
      log(`[berth] reconcile pass failed: ${(error as Error).message}`);
    }
  };
  const timer = setInterval(() => {
    if (!stopped) running = running.then(tick);
  }, intervalMs);
  timer.unref();
  log(`[berth] reconciler started: a pass every ${intervalMs} ms while this process holds the lock`);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
    await lock.release();
  };
}
