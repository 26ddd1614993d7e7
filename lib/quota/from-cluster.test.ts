import { describe, expect, it } from "vitest";
import { hardFromCluster, quantityText } from "./from-cluster";
import { checkHard } from "./keys";
import { parseQuantity } from "./quantity";

describe("quota maps as the API server returns them (THREATS 90)", () => {
  it("reads an integer as the quantity it spells, keeping strings as written", () => {
    expect(hardFromCluster({ pods: 20, "requests.cpu": "500m" })).toEqual({ pods: "20", "requests.cpu": "500m" });
    expect(hardFromCluster(undefined)).toEqual({});
    expect(hardFromCluster([1, 2])).toEqual({});
  });

  it("keeps what is no quantity as text no parser accepts, so it shows as that workspace's drift", () => {
    expect(quantityText(1.5)).toBe("1.5");
    expect(quantityText({ a: 1 })).toBe('{"a":1}');
    expect(parseQuantity(quantityText({ a: 1 })).ok).toBe(false);
  });

  it("lets a Profile whose quota holds integers be checked (and adopted) as Berth would write it", () => {
    expect(checkHard(hardFromCluster({ pods: 4 }))).toEqual({ ok: true, hard: { pods: "4" } });
  });

  it("parses integers directly too, refusing negatives and fractions", () => {
    expect(parseQuantity(20)).toEqual({ ok: true, value: 20 });
    expect(parseQuantity(-1).ok).toBe(false);
    expect(parseQuantity(0.5).ok).toBe(false);
  });
});
