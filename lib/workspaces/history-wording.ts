// A workspace's history as people say it: no action codes, the cluster's part worded by what it
// followed ("Created in the cluster" once, then "New quota in effect", …), repeated failed attempts
// folded into one line, and no machine timestamps inside reasons. Pure: the pages and tests share it.
import type { HistoryEntry } from "./history";

export interface HistoryLine {
  seq: string;
  at: Date;
  text: string;
  /** Who did it; null for Berth's own reconciler. */
  by: string | null;
  reason: string | null;
}

const LABELS: Record<string, string> = {
  "workspace.requested": "Requested",
  "workspace.approval_recorded": "Approval recorded (more needed)",
  "workspace.quota_edited": "Quota changed by an admin",
  "workspace.quota_overridden": "Quota set above the tier's maximum by an admin",
  "workspace.approved": "Approved",
  "workspace.rejected": "Rejected",
  "workspace.cancelled": "Cancelled",
  "workspace.request_expired": "Expired without a decision",
  "workspace.expiry_notice": "End date is near",
  "workspace.expired": "Expired",
  "workspace.renewal_requested": "Renewal requested",
  "workspace.renewed": "Renewed",
  "workspace.change_requested": "Quota change requested",
  "workspace.quota_changed": "Quota changed",
  "workspace.change_rejected": "Quota change rejected",
  "workspace.change_cancelled": "Quota change withdrawn",
  "workspace.approvals_reset": "Approvals reset (the quota was edited)",
  "workspace.suspended": "Suspended",
  "workspace.resumed": "Resumed",
  "workspace.decommissioned": "Decommissioning requested",
  "workspace.owner_transferred": "Owner transferred",
  "workspace.reapply_requested": "Re-apply requested",
  "profile.deleted": "Deleted from the cluster, with its namespace and data",
  "profile.quota_keys_removed": "Quota limits added in the cluster outside Berth were removed",
  "profile.controller_overdue": "The profile controller has not acted in time; Berth keeps checking",
  "profile.confirmed": "Ready in the cluster: namespace and quota in place",
};

/** What the cluster's confirmation means after each kind of change. */
const APPLIED_AFTER: Record<string, string> = {
  "workspace.suspended": "Suspension in effect in the cluster",
  "workspace.expired": "Held in the cluster: no new pods",
  "workspace.resumed": "Running again in the cluster",
  "workspace.quota_changed": "New quota in effect in the cluster",
  "workspace.quota_edited": "New quota in effect in the cluster",
  "workspace.quota_overridden": "New quota in effect in the cluster",
  "workspace.owner_transferred": "New owner in effect in the cluster",
  "workspace.reapply_requested": "Re-applied in the cluster",
};

const SYSTEM_ACTORS = new Set(["reconciler@berth.local"]);

/** Drops the machine part of a failed attempt's reason ("Attempt 3; next attempt at 2026-…Z."). */
export function readableReason(reason: string | null): string | null {
  if (!reason) return null;
  const cleaned = reason
    .replace(/\s*Attempt \d+; next attempt at [0-9T:.\-]+Z\.?/g, "")
    .replace(/\s*succeeded after \d+ failed attempt\(s\)/g, "")
    .trim();
  return cleaned === "" ? null : cleaned;
}

export function historyLines(entries: readonly HistoryEntry[]): HistoryLine[] {
  const lines: HistoryLine[] = [];
  let created = false;
  // The last change the next cluster confirmation answers.
  let awaiting: string | null = null;
  let failures = 0;
  for (const entry of entries) {
    const by = entry.by && !SYSTEM_ACTORS.has(entry.by) ? entry.by : null;
    if (entry.action === "profile.apply_failed") {
      failures += 1;
      const text = `${created ? "Applying the change in the cluster" : "Creation in the cluster"} failed${failures > 1 ? ` (${failures} attempts so far)` : ""}; Berth retries automatically`;
      const line = { seq: entry.seq, at: entry.at, text, by, reason: readableReason(entry.reason) };
      // Repeated failures of one attempt are one line, showing the latest.
      if (failures > 1 && lines.at(-1)?.text.includes("failed")) lines[lines.length - 1] = line;
      else lines.push(line);
      continue;
    }
    failures = 0;
    if (entry.action === "profile.applied") {
      const text = !created ? "Created in the cluster" : (awaiting && APPLIED_AFTER[awaiting]) || "Cluster updated";
      created = true;
      awaiting = null;
      lines.push({ seq: entry.seq, at: entry.at, text, by: null, reason: null });
      continue;
    }
    if (APPLIED_AFTER[entry.action]) awaiting = entry.action;
    lines.push({ seq: entry.seq, at: entry.at, text: LABELS[entry.action] ?? "Other change", by, reason: readableReason(entry.reason) });
  }
  return lines;
}
