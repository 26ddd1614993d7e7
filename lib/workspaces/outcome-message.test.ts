import { describe, expect, it } from "vitest";
import { outcomeState } from "./outcome-message";

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
