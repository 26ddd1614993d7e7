import { describe, expect, it } from "vitest";
import { chartGeometry } from "./usage-chart";

const from = new Date("2026-12-01T00:00:00Z");
const to = new Date("2026-12-01T10:00:00Z");
const box = { width: 200, height: 40, from, to };
const at = (hour: number) => new Date(from.getTime() + hour * 3_600_000);

describe("usage chart geometry", () => {
  it("maps time to x across the box and usage to y with the limit at the top", () => {
    const g = chartGeometry([{ at: at(0), used: "0" }, { at: at(5), used: "1" }, { at: at(10), used: "2" }], "2", box);
    expect(g.path).toBe("M0 40 L100 20 L200 0");
    expect(g.limitY).toBe(0);
    expect(g).toMatchObject({ top: 2, peak: 2, points: 3 });
  });

  it("compares quantities in base units whatever their suffix (1500m of 2 cores is three quarters up)", () => {
    const g = chartGeometry([{ at: at(10), used: "1500m" }], "2", box);
    expect(g.path).toBe("M200 10");
    expect(g.last).toEqual({ x: 200, y: 10 });
  });

  it("raises the top above the limit when usage exceeded it (a lowered quota), so the line stays inside", () => {
    const g = chartGeometry([{ at: at(0), used: "4Gi" }, { at: at(10), used: "8Gi" }], "4Gi", box);
    expect(g.top).toBe(8 * 2 ** 30);
    expect(g.limitY).toBe(20);
    expect(g.path).toBe("M0 20 L200 0");
  });

  it("sorts samples, clamps them to the box, treats missing usage as zero and skips unreadable ones", () => {
    const g = chartGeometry([{ at: at(12), used: "1" }, { at: at(-2), used: undefined }, { at: at(4), used: "junk" }], "1", box);
    expect(g.path).toBe("M0 40 L200 0");
    expect(g.points).toBe(2);
  });

  it("draws nothing without samples", () => {
    expect(chartGeometry([], "10", box)).toMatchObject({ path: "", points: 0, peak: 0, top: 10, last: null });
  });
});
