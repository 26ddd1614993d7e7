import { describe, expect, it } from "vitest";
import { belowUsage, sameHard, suspendedHard } from "./compare";

describe("sameHard", () => {
  it("compares quantities by value, as the API server canonicalises them", () => {
    expect(sameHard({ "requests.cpu": "1000m", "requests.memory": "1024Mi" }, { "requests.cpu": "1", "requests.memory": "1Gi" })).toBe(true);
    expect(sameHard({ "requests.cpu": "2" }, { "requests.cpu": "1" })).toBe(false);
    expect(sameHard({ pods: "1" }, { pods: "1", "requests.cpu": "1" })).toBe(false);
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
