import { describe, expect, it } from "vitest";
import { recordDecisions, recordHttpRequest, recordKubeCall, recordOperation, recordReconcilePass, recordWatchRestart, renderMetrics, setDatabaseGauges } from "./metrics";

const sample = (body: string, series: string) => Number(body.split("\n").find((line) => line.startsWith(`${series} `))?.split(" ")[1] ?? NaN);

describe("metrics exposition", () => {
  it("renders what was recorded in Prometheus text format, with bounded labels", async () => {
    recordHttpRequest("/workspaces/[id]", "GET", 200, 0.012);
    recordOperation("workspace.approve", "success", 0.03);
    recordOperation("workspace.approve", "forbidden", 0.001);
    recordDecisions(["workspace.approved", "profile.applied"]);
    recordKubeCall(undefined, { isApply: true });
    recordKubeCall("conflict", { isApply: true });
    recordKubeCall("timeout", { isApply: false });
    recordReconcilePass({ attempted: [{ outcome: "ACTIVE" }], drifted: 2, unmanaged: 1 }, 0.4, 1_700_000_000_000);
    recordReconcilePass(new Error("database down"), 0.1);
    recordWatchRestart("Profile");
    setDatabaseGauges({
      pendingRequests: 34,
      oldestPendingAgeSeconds: 3600,
      auditChainLength: 1234,
      lastCheckpoint: { treeSize: 1000, signedAt: new Date(1_700_000_000_000) },
      notificationBacklog: { waiting: 3, retrying: 1, givenUp: 0 },
    });
    const { body, contentType } = await renderMetrics();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(body, 'berth_http_requests_total{route="/workspaces/[id]",method="GET",status="200"}')).toBe(1);
    expect(sample(body, 'berth_operations_total{operation="workspace.approve",outcome="forbidden"}')).toBe(1);
    expect(sample(body, 'berth_approval_decisions_total{subject="workspace",decision="approved"}')).toBe(1);
    expect(sample(body, 'berth_kube_applies_total{result="ok"}')).toBe(1);
    expect(sample(body, 'berth_kube_applies_total{result="conflict"}')).toBe(1);
    expect(sample(body, 'berth_kube_api_errors_total{reason="timeout"}')).toBe(1);
    expect(sample(body, 'berth_reconcile_passes_total{result="ok"}')).toBe(1);
    expect(sample(body, 'berth_reconcile_passes_total{result="failed"}')).toBe(1);
    expect(sample(body, "berth_reconcile_pass_duration_seconds_count")).toBe(2);
    expect(sample(body, "berth_reconcile_last_success_timestamp_seconds")).toBe(1_700_000_000);
    expect(sample(body, "berth_drifted_workspaces")).toBe(2);
    expect(sample(body, 'berth_watch_restarts_total{kind="Profile"}')).toBe(1);
    expect(sample(body, "berth_pending_requests")).toBe(34);
    expect(sample(body, "berth_audit_last_checkpoint_tree_size")).toBe(1000);
    expect(sample(body, 'berth_notification_backlog{state="waiting"}')).toBe(3);
    expect(body).toContain("process_resident_memory_bytes");
  });
});
