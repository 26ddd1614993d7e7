// The reconciler inside the app: every interval, take (or keep) the leader lock, run the
// workflow's timed jobs and a reconcile pass. While it leads, the process also follows the
// cluster with informers: a change to a workspace's objects (or an approval naming it) wakes a
// pass for just those workspaces within moments, and every pass reads the cluster from the
// informers' cache instead of listing it. The periodic pass stays, as the safety net.
// Started from Next's instrumentation hook; a replica that is not the leader only retries the lock.
import "server-only";
import { reconcileOnce, ReconcilerLock, type PassReport } from "@/lib/cluster/reconciler";
import { reconcilerSettings } from "@/lib/config";
import { makeCheckpoint } from "@/lib/audit-trail/checkpoints";
import { db } from "@/lib/db/client";
import { changeConcernsAccess } from "@/lib/access/drift";
import { ACCESS_KINDS, ClusterCache, setRunningClusterCache } from "@/lib/kube/cluster-cache";
import type { ClusterAccessObject } from "@/lib/kube/snapshot";
import type { RestartReason } from "@/lib/kube/informer";
import { log as logger } from "@/lib/telemetry/logger";
import { recordReconcilePass, recordWatchRestart } from "@/lib/telemetry/metrics";
import { runWorkflowJobs } from "./workflow-jobs";

/** Events for one workspace come in bursts (Profile, namespace, quota): one pass takes them all. */
const EVENT_DEBOUNCE_MS = 150;

export interface ReconcilerLoopOptions {
  log?: (line: string) => void;
  /** Off: passes list the cluster and only the interval drives them (the state before watches). */
  watches?: boolean;
  /** Every watch restart (for a counter). */
  onWatchRestart?: (kind: string, reason: RestartReason) => void;
}

export function startReconcilerLoop(options: ReconcilerLoopOptions = {}): () => Promise<void> {
  const log = options.log ?? ((line: string) => logger.info(line));
  const watches = options.watches ?? true;
  const onWatchRestart = options.onWatchRestart ?? ((kind: string) => recordWatchRestart(kind));
  const { intervalMs } = reconcilerSettings();
  const woken = new Set<string>();
  let wakeTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  // Whether a contributor RoleBinding or AuthorizationPolicy changed since the last event pass.
  let accessWoken = false;
  const wake = (name: string, kind?: string, item?: unknown) => {
    if (stopped || !watches) return;
    if (kind !== undefined && ACCESS_KINDS.includes(kind)) {
      if (!changeConcernsAccess(item as ClusterAccessObject | undefined)) return;
      accessWoken = true;
    }
    woken.add(name);
    wakeTimer ??= setTimeout(() => {
      wakeTimer = undefined;
      const names = [...woken];
      const accessChanged = accessWoken;
      woken.clear();
      accessWoken = false;
      running = running.then(() => eventPass(names, accessChanged));
    }, EVENT_DEBOUNCE_MS);
  };
  const lock = new ReconcilerLock(undefined, watches ? wake : undefined);
  const cache = watches ? new ClusterCache({ onRestart: onWatchRestart }) : undefined;
  cache?.onChange((name, kind, item) => wake(name, kind, item));
  let following = false;

  // Informers only while leading: a standby replica keeps no watches open.
  const follow = async (leading: boolean) => {
    if (!cache || leading === following) return;
    following = leading;
    if (leading) {
      cache.start();
      setRunningClusterCache(cache);
    } else {
      setRunningClusterCache(undefined);
      await cache.stop();
    }
  };

  const eventPass = async (names: string[], accessChanged: boolean) => {
    if (stopped || !lock.held) return;
    const passStart = performance.now();
    try {
      const report = await reconcileOnce({ names, accessChanged, snapshot: cache?.snapshot() });
      recordReconcilePass(report, (performance.now() - passStart) / 1000);
      logReport(report);
    } catch (error) {
      log(`[berth] reconcile (watch) failed: ${(error as Error).message}`);
    }
  };

  const logReport = (report: PassReport) => {
    if (report.attempted.length || report.scanError) {
      log(`[berth] reconcile: ${report.attempted.length} attempted, ${report.drifted} drifted, ${report.unmanaged} unmanaged${report.scanError ? `, scan failed: ${report.scanError.failure}` : ""}`);
    }
  };

  const tick = async () => {
    let passStart: number | undefined;
    try {
      const leading = await lock.tryAcquire();
      await follow(leading);
      if (!leading) return;
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
      const report = await reconcileOnce({ snapshot: cache?.snapshot() });
      recordReconcilePass(report, (performance.now() - passStart) / 1000);
      logReport(report);
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
  // The first pass at once: the informers start listing with it.
  running = running.then(tick);
  log(`[berth] reconciler started: a pass every ${intervalMs} ms while this process holds the lock${watches ? ", and on watch events" : ""}`);
  return async () => {
    stopped = true;
    clearInterval(timer);
    clearTimeout(wakeTimer);
    await running;
    await follow(false);
    await lock.release();
  };
}
