import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "@/lib/model/audit-event";
import { historyLines, readableReason } from "./history-wording";
import type { HistoryEntry } from "./history";

let seq = 0;
const at = new Date("2026-12-01T10:00:00Z");
const e = (action: string, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({ seq: String(++seq), at, action, by: "grace@example.com", reason: null, ...extra });
const texts = (entries: HistoryEntry[]) => historyLines(entries).map((line) => line.text);

describe("history wording", () => {
  it("says 'Created in the cluster' once, then what each later confirmation put in effect", () => {
    expect(
      texts([
        e("workspace.requested"),
        e("workspace.approved"),
        e("profile.applied", { by: "reconciler@berth.local" }),
        e("workspace.suspended"),
        e("profile.applied"),
        e("workspace.resumed"),
        e("profile.applied"),
        e("workspace.quota_changed"),
        e("profile.applied"),
      ]),
    ).toEqual([
      "Requested",
      "Approved",
      "Created in the cluster",
      "Suspended",
      "Suspension in effect in the cluster",
      "Resumed",
      "Running again in the cluster",
      "Quota changed",
      "New quota in effect in the cluster",
    ]);
  });

  it("never shows an action code, for every workspace and Profile action", () => {
    const all = AUDIT_ACTIONS.filter((a) => a.startsWith("workspace.") || a.startsWith("profile."));
    for (const line of historyLines(all.map((action) => e(action)))) {
      expect(line.text).not.toMatch(/[a-z]+\.[a-z_]+/);
    }
    expect(texts([e("profile.deleted")])).toEqual(["Deleted from the cluster, with its namespace and data"]);
  });

  it("folds repeated failed attempts into one line without the machine's next-attempt timestamp", () => {
    const reason = "The Kubernetes API could not be reached. Attempt 2; next attempt at 2026-12-01T20:28:41.109Z.";
    const lines = historyLines([
      e("workspace.approved"),
      e("profile.apply_failed", { by: "reconciler@berth.local", reason }),
      e("profile.apply_failed", { by: "reconciler@berth.local", reason }),
      e("profile.applied", { reason: "succeeded after 2 failed attempt(s)" }),
    ]);
    expect(lines.map((l) => l.text)).toEqual([
      "Approved",
      "Creation in the cluster failed (2 attempts so far); Berth retries automatically",
      "Created in the cluster",
    ]);
    expect(lines[1]).toMatchObject({ by: null, reason: "The Kubernetes API could not be reached." });
    expect(JSON.stringify(lines)).not.toMatch(/next attempt at|2026-12-01T20/);
  });

  it("keeps people's reasons, and names no one for the reconciler", () => {
    const [line] = historyLines([e("workspace.suspended", { reason: "cryptomining suspected" })]);
    expect(line).toMatchObject({ by: "grace@example.com", reason: "cryptomining suspected" });
    expect(readableReason("   ")).toBeNull();
  });
});
