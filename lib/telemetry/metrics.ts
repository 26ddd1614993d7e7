// Berth's Prometheus metrics: one registry per process, the counters and histograms that code
// paths record into as things happen, and the gauges lib/metrics sets from the database at
// scrape time. Label values are always from a small fixed set (route patterns, operation names,
// failure reasons), never ids, names or emails.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { AuditAction } from "@/lib/model/audit-event";

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
  return {
    registry,
    httpRequests: new Counter({ name: "berth_http_requests_total", help: "HTTP requests answered, by route pattern, method and status.", labelNames: ["route", "method", "status"], registers }),
    httpDuration: new Histogram({ name: "berth_http_request_duration_seconds", help: "Time to answer an HTTP request, by route pattern.", labelNames: ["route"], buckets: seconds, registers }),
    operations: new Counter({ name: "berth_operations_total", help: "Operations run (server actions, routes, jobs), by name and outcome (success or the error code).", labelNames: ["operation", "outcome"], registers }),
    operationDuration: new Histogram({ name: "berth_operation_duration_seconds", help: "Time an operation took, refusals and failures included.", labelNames: ["operation"], buckets: seconds, registers }),
    approvals: new Counter({ name: "berth_approval_decisions_total", help: "Decisions on workspace and access requests, by subject and decision.", labelNames: ["subject", "decision"], registers }),
    reconcilePasses: new Counter({ name: "berth_reconcile_passes_total", help: "Reconciler passes by result (ok, scan_failed, failed).", labelNames: ["result"], registers }),
    reconcileDuration: new Histogram({ name: "berth_reconcile_pass_duration_seconds", help: "Time one reconciler pass took (workflow jobs included).", buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60], registers }),
    reconcileLastSuccess: new Gauge({ name: "berth_reconcile_last_success_timestamp_seconds", help: "When this process last finished a pass without error (0: never; only the leader passes).", registers }),
    attempted: new Counter({ name: "berth_reconcile_attempts_total", help: "Workspaces the reconciler attempted, by outcome.", labelNames: ["outcome"], registers }),
    applies: new Counter({ name: "berth_kube_applies_total", help: "Server-side applies sent to the API server, by result (ok or the failure reason).", labelNames: ["result"], registers }),
    kubeErrors: new Counter({ name: "berth_kube_api_errors_total", help: "Failed Kubernetes API calls, by reason (forbidden, conflict, not_found, timeout, …).", labelNames: ["reason"], registers }),
    drifted: new Gauge({ name: "berth_drifted_workspaces", help: "Workspaces whose cluster state differed from the desired state in the last scan (leader only).", registers }),
    unmanaged: new Gauge({ name: "berth_unmanaged_profiles", help: "Profiles in the cluster that no workspace manages, in the last scan (leader only).", registers }),
    watchRestarts: new Counter({ name: "berth_watch_restarts_total", help: "Watches started again (re-list after 410 Gone, error, or closed stream), by kind.", labelNames: ["kind"], registers }),
    pendingRequests: new Gauge({ name: "berth_pending_requests", help: "Workspace requests waiting for a decision.", registers }),
    oldestPendingAge: new Gauge({ name: "berth_pending_request_oldest_age_seconds", help: "Age of the oldest workspace request waiting for a decision (0: none).", registers }),
    auditChainLength: new Gauge({ name: "berth_audit_chain_length", help: "Events in the audit hash chain (the head's sequence number).", registers }),
    auditCheckpointSize: new Gauge({ name: "berth_audit_last_checkpoint_tree_size", help: "Events covered by the last signed checkpoint (0: none).", registers }),
    auditCheckpointTime: new Gauge({ name: "berth_audit_last_checkpoint_timestamp_seconds", help: "When the last checkpoint was signed (0: none).", registers }),
    notificationBacklog: new Gauge({ name: "berth_notification_backlog", help: "Webhook notifications not delivered, by state (waiting, retrying, given_up).", labelNames: ["state"], registers }),
    scrapeErrors: new Counter({ name: "berth_metrics_collect_errors_total", help: "Scrapes whose database gauges could not be read (the gauges keep their last values).", registers }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

// One per process (see logger.ts): every bundle Next builds records into the same registry.
const holder = globalThis as unknown as { berthMetrics?: Metrics };

export function metrics(): Metrics {
  holder.berthMetrics ??= createMetrics();
  return holder.berthMetrics;
}

export function recordHttpRequest(route: string, method: string, status: number, seconds: number): void {
  metrics().httpRequests.inc({ route, method, status: String(status) });
  metrics().httpDuration.observe({ route }, seconds);
}

export function recordOperation(operation: string, outcome: string, seconds: number): void {
  metrics().operations.inc({ operation, outcome });
  metrics().operationDuration.observe({ operation }, seconds);
}

const DECISIONS: Partial<Record<AuditAction, [subject: string, decision: string]>> = {
  "workspace.approved": ["workspace", "approved"],
  "workspace.approval_recorded": ["workspace", "approval_recorded"],
  "workspace.rejected": ["workspace", "rejected"],
  "workspace.approve_refused": ["workspace", "refused"],
  "workspace.change_rejected": ["quota_change", "rejected"],
  "access.granted": ["access", "approved"],
  "access.approval_recorded": ["access", "approval_recorded"],
  "access.rejected": ["access", "rejected"],
};

/** Counts the decisions among the audit events one operation wrote. */
export function recordDecisions(actions: readonly AuditAction[]): void {
  for (const action of actions) {
    const decision = DECISIONS[action];
    if (decision) metrics().approvals.inc({ subject: decision[0], decision: decision[1] });
  }
}

export function recordKubeCall(failure: string | undefined, { isApply }: { isApply: boolean }): void {
  if (failure) metrics().kubeErrors.inc({ reason: failure });
  if (isApply) metrics().applies.inc({ result: failure ?? "ok" });
}

export interface PassFacts {
  attempted: { outcome: string }[];
  drifted: number;
  unmanaged: number;
  scanError?: unknown;
}

/** One reconciler pass: its duration, outcome, what it attempted and the drift its scan found. */
export function recordReconcilePass(report: PassFacts | Error, seconds: number, now = Date.now()): void {
  const m = metrics();
  m.reconcileDuration.observe(seconds);
  if (report instanceof Error) {
    m.reconcilePasses.inc({ result: "failed" });
    return;
  }
  m.reconcilePasses.inc({ result: report.scanError ? "scan_failed" : "ok" });
  for (const { outcome } of report.attempted) m.attempted.inc({ outcome });
  if (!report.scanError) {
    m.drifted.set(report.drifted);
    m.unmanaged.set(report.unmanaged);
    m.reconcileLastSuccess.set(now / 1000);
  }
}

/** For the watches: call each time one is started again, with its kind (e.g. "Profile"). */
export function recordWatchRestart(kind: string): void {
  metrics().watchRestarts.inc({ kind });
}

export interface DatabaseGauges {
  pendingRequests: number;
  oldestPendingAgeSeconds: number;
  auditChainLength: number;
  lastCheckpoint: { treeSize: number; signedAt: Date } | null;
  notificationBacklog: { waiting: number; retrying: number; givenUp: number };
}

export function setDatabaseGauges(gauges: DatabaseGauges): void {
  const m = metrics();
  m.pendingRequests.set(gauges.pendingRequests);
  m.oldestPendingAge.set(gauges.oldestPendingAgeSeconds);
  m.auditChainLength.set(gauges.auditChainLength);
  m.auditCheckpointSize.set(gauges.lastCheckpoint?.treeSize ?? 0);
  m.auditCheckpointTime.set(gauges.lastCheckpoint ? gauges.lastCheckpoint.signedAt.getTime() / 1000 : 0);
  m.notificationBacklog.set({ state: "waiting" }, gauges.notificationBacklog.waiting);
  m.notificationBacklog.set({ state: "retrying" }, gauges.notificationBacklog.retrying);
  m.notificationBacklog.set({ state: "given_up" }, gauges.notificationBacklog.givenUp);
}

/** The exposition: Prometheus text format 0.0.4. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
