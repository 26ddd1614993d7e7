import { describe, expect, it } from "vitest";
import { belowUsage, sameHard, suspendedHard } from "./compare";

describe("sameHard", () => {
  it("compares quantities by value, as the API server canonicalises them", () => {
    expect(sameHard({ "requests.cpu": "1000m", "requests.memory": "1024Mi" }, { "requests.cpu": "1", "requests.memory": "1Gi" })).toBe(true);
    expect(sameHard({ "requests.cpu": "2" }, { "requests.cpu": "1" })).toBe(false);
    expect(sameHard({ pods: "1" }, { pods: "1", "requests.cpu": "1" })).toBe(false);
  });

  it("takes the integers an int-or-string Profile quota may hold, without throwing (THREATS 90)", () => {
    const fromCluster = { pods: 20, "requests.cpu": "4" } as unknown as Record<string, string>;
    expect(sameHard(fromCluster, { pods: "20", "requests.cpu": "4000m" })).toBe(true);
    expect(sameHard(fromCluster, { pods: "10", "requests.cpu": "4" })).toBe(false);
    expect(sameHard({ pods: { n: 1 } } as unknown as Record<string, string>, { pods: "1" })).toBe(false);
  });
});

describe("belowUsage (THREATS 34)", () => {
  it("names each limit below current usage", () => {
    expect(belowUsage({ pods: "2", "requests.cpu": "4" }, { pods: "5", "requests.cpu": "1500m" })).toEqual([{ key: "pods", limit: "2", used: "5" }]);
  });
});

describe("suspendedHard", () => {
  it("keeps every limit and allows no pods, so the quota is never empty", () => {
    expect(suspendedHard({ "requests.cpu": "4", pods: "10" })).toEqual({ "requests.cpu": "4", pods: "0" });
    expect(suspendedHard({ "requests.cpu": "4" })).toEqual({ "requests.cpu": "4", pods: "0" });
  });
});
