import { describe, expect, it } from "vitest";
import { checkHard } from "./keys";
import { parseQuantity } from "./quantity";

describe("parseQuantity", () => {
  it.each([
    ["4", 4],
    ["500m", 0.5],
    ["16Gi", 16 * 2 ** 30],
    ["1k", 1000],
    ["1e3", 1000],
    ["0", 0],
  ])("parses %j", (text, value) => {
    expect(parseQuantity(text)).toEqual({ ok: true, value });
  });

  it.each(["-1", "NaN", "Infinity", "1e309", "10GB", "lots", " 4", "4 ", "", "0x10", "1.2.3"])("rejects %j (THREATS 19)", (text) => {
    expect(parseQuantity(text).ok).toBe(false);
  });
});

describe("checkHard (THREATS 19: quotas)", () => {
  it("accepts known keys with valid quantities", () => {
    expect(checkHard({ "requests.cpu": "4", "requests.memory": "16Gi", pods: "20" })).toEqual({
      ok: true,
      hard: { "requests.cpu": "4", "requests.memory": "16Gi", pods: "20" },
    });
  });

  it("never accepts an empty quota, which would delete the namespace's quota", () => {
    expect(checkHard({})).toEqual({ ok: false, errors: ["A quota needs at least one limit."] });
  });

  it("rejects unknown keys, numbers instead of strings, and absurd values, naming each", () => {
    const result = checkHard({ "requests.cpuu": "1", pods: 20, "requests.cpu": "100000", "limits.memory": "1e309" });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(4);
      expect(result.errors.join("\n")).toMatch(/requests\.cpuu.*not a quota key/);
      expect(result.errors.join("\n")).toMatch(/Pods: the value must be a quantity/);
      expect(result.errors.join("\n")).toMatch(/above the cap/);
      expect(result.errors.join("\n")).toMatch(/too large|not a Kubernetes quantity/);
    }
  });
});
