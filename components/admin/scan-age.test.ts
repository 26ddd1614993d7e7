// The Cluster page's age of the reconciler's last scan, in words a person reads at a glance.
import { describe, expect, it } from "vitest";
import { ageText } from "./scan-age";

describe("ageText", () => {
  const now = new Date("2026-12-02T08:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it("counts seconds up to a minute and a half, then minutes, then hours", () => {
    expect(ageText(ago(4_000), now)).toBe("4 s");
    expect(ageText(ago(89_000), now)).toBe("89 s");
    expect(ageText(ago(10 * 60_000), now)).toBe("10 min");
    expect(ageText(ago(3 * 3_600_000), now)).toBe("3 h");
  });

  it("never says a negative age when the clocks of two replicas disagree", () => {
    expect(ageText(new Date(now.getTime() + 2_000), now)).toBe("0 s");
  });
});
