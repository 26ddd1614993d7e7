import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./backoff";

const policy = { baseMs: 1_000, capMs: 60_000 };

describe("retryDelayMs", () => {
  it("doubles per failure, with jitter between half and the whole step", () => {
    expect(retryDelayMs(1, undefined, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, undefined, policy, () => 1)).toBe(1_000);
    expect(retryDelayMs(3, undefined, policy, () => 1)).toBe(4_000);
    expect(retryDelayMs(3, undefined, policy, () => 0)).toBe(2_000);
  });

  it("is capped however many failures there were", () => {
    expect(retryDelayMs(40, undefined, policy, () => 1)).toBe(60_000);
  });

  it("waits at least as long as Retry-After says (THREATS 30)", () => {
    expect(retryDelayMs(1, 7, policy, () => 0)).toBe(7_000);
    expect(retryDelayMs(10, 1, policy, () => 1)).toBe(60_000);
  });
});
