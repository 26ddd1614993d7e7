import { describe, expect, it } from "vitest";
import { formatUtc } from "@/lib/model/utc-time";
import { relativeText } from "./time-ago";

const now = new Date("2026-12-01T12:00:00Z");
const at = (offsetSeconds: number) => new Date(now.getTime() + offsetSeconds * 1000);

describe("relative times", () => {
  it.each([
    [-20, "just now"],
    [-90, "1 min. ago"],
    [-3 * 3600, "3 hr. ago"],
    [-26 * 3600, "yesterday"],
    [-3 * 24 * 3600, "3 days ago"],
    [6 * 24 * 3600, "in 6 days"],
    [-400 * 24 * 3600, "last yr."],
  ])("%i s from now reads %s", (offset, text) => {
    expect(relativeText(at(offset), now)).toBe(text);
  });

  it("keeps the exact UTC time for the hover text", () => {
    expect(formatUtc(new Date("2026-12-01T20:28:41.109Z"), "second")).toBe("2026-12-01 20:28:41 UTC");
    expect(formatUtc(new Date("2026-12-01T20:28:41.109Z"))).toBe("2026-12-01 20:28 UTC");
  });
});
