import { describe, expect, it } from "vitest";
import { appliedChangeState, askQuotaState, outcomeState, proposalState, quotaEditState } from "./outcome-message";

describe("outcomeState (THREATS 29: never claim success early)", () => {
  it("says the cluster confirmed it only when it did", () => {
    expect(outcomeState("Suspended.", { status: "SUSPENDED" }).message).toBe("Suspended. The cluster confirmed it.");
    const pending = outcomeState("Quota saved.", { status: "PROVISIONING", message: "timeout", nextAttemptAt: new Date() });
    expect(pending.message).toMatch(/has not confirmed it yet/);
    expect(pending.message).not.toMatch(/confirmed it\./);
  });

  it("reports a refusal as an error with the reason", () => {
    expect(outcomeState("Re-applied.", { status: "FAILED", message: "403", failure: "forbidden" })).toEqual({
      status: "error",
      message: "Re-applied. Saved, but the cluster refused it: 403",
    });
  });
});

describe("quota change messages", () => {
  const one = { status: "PROPOSED" as const, changeId: "c", required: 1 as const, why: "an admin other than the owner" };
  const two = { status: "PROPOSED" as const, changeId: "c", required: 2 as const, why: "above the tier's maximum" };

  it("tells the proposing admin who decides, and why it takes two", () => {
    expect(quotaEditState({ proposal: one }).message).toBe("Quota change requested: it now waits for an admin other than you and the owner.");
    expect(proposalState(two).message).toBe("Quota change requested (above the tier's maximum): it now waits for two admins other than you and the owner.");
  });

  it("tells the owner that more waits for admins and less applied at once", () => {
    expect(askQuotaState(one).message).toBe("Quota change requested: it now waits for an admin other than you.");
    expect(askQuotaState(two).message).toBe("Quota change requested (above the tier's maximum): it now waits for two admins other than you.");
    expect(askQuotaState({ status: "APPLIED", outcome: { status: "ACTIVE" } }).message).toBe("Quota lowered. The cluster confirmed it.");
  });

  it("says an applied change is confirmed only when the cluster caught up", () => {
    const base = { name: "ws", status: "ACTIVE", statusMessage: null };
    expect(appliedChangeState({ ...base, pending: false }).message).toBe("Applied the quota change of ws. The cluster confirmed it.");
    expect(appliedChangeState({ ...base, pending: true }).message).toMatch(/not confirmed it yet/);
    expect(appliedChangeState({ ...base, status: "FAILED", pending: true, statusMessage: "403" })).toEqual({
      status: "error",
      message: "Applied the quota change of ws. Saved, but the cluster refused it: 403",
    });
  });
});
