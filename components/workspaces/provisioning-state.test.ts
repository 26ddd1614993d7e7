import { describe, expect, it } from "vitest";
import { nextAttemptText } from "./provisioning-state";

const now = new Date("2026-12-02T07:00:00Z");

describe("the next attempt, as admins read it", () => {
  it("never shows a time already past: a due attempt is now", () => {
    expect(nextAttemptText(new Date("2026-12-02T06:40:00Z"), now)).toBe("Next attempt: now.");
    expect(nextAttemptText(new Date("2026-12-02T07:00:20Z"), now)).toBe("Next attempt: now.");
  });

  it("says later ones relative to now", () => {
    expect(nextAttemptText(new Date("2026-12-02T07:04:00Z"), now)).toBe("Next attempt in 4 min.");
  });
});
