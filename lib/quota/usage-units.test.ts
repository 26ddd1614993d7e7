import { describe, expect, it } from "vitest";
import { inUnitOf, trimNumber, usageInUnits } from "./usage-units";

describe("usage in the unit of its limit", () => {
  it("says CPU in cores when the limit is in cores, never 1500m / 2", () => {
    expect(usageInUnits("requests.cpu", "1500m", "2")).toMatchObject({ text: "1.5 / 2 CPU", share: 0.75 });
    expect(usageInUnits("limits.cpu", "250m", "500m").text).toBe("250m / 500m CPU");
  });

  it("says memory in the limit's binary unit, whatever unit the cluster reported", () => {
    expect(usageInUnits("requests.memory", "3221225472", "8Gi").text).toBe("3Gi / 8Gi");
    expect(usageInUnits("requests.memory", "1536Mi", "8Gi").text).toBe("1.5Gi / 8Gi");
    expect(usageInUnits("requests.storage", "0", "100Gi").text).toBe("0 / 100Gi");
  });

  it("counts pods, claims and GPUs with a word, and treats missing usage as zero", () => {
    expect(usageInUnits("pods", "3", "10").text).toBe("3 / 10 pods");
    expect(usageInUnits("persistentvolumeclaims", undefined, "5").text).toBe("0 / 5 claims");
    expect(usageInUnits("requests.nvidia.com/gpu", "1", "1")).toMatchObject({ text: "1 / 1 GPU", share: 1 });
  });

  it("reports a share above one when over the limit (a lowered quota), and zero of zero as empty", () => {
    expect(usageInUnits("pods", "12", "10").share).toBeCloseTo(1.2);
    expect(usageInUnits("pods", "0", "0").share).toBe(0);
    expect(usageInUnits("pods", "1", "0").share).toBe(1);
  });

  it("rounds to two decimals and drops trailing zeros", () => {
    expect(trimNumber(3.14159)).toBe("3.14");
    expect(trimNumber(2)).toBe("2");
    expect(inUnitOf(2 ** 30 / 3, "1Gi")).toBe("0.33Gi");
    expect(inUnitOf(1500, "1e3")).toBe("1500");
  });
});
