import { describe, expect, it } from "vitest";
import { DenialLimiter, GLOBAL_CAP, WINDOW_MS } from "./denial-limiter";

function recordedOf(limiter: DenialLimiter, key: string, operation: string, times: number): number[] {
  const counts: number[] = [];
  for (let i = 0; i < times; i++) {
    const decision = limiter.decide(key, operation);
    if (decision.record) counts.push(decision.count);
  }
  return counts;
}

describe("denial limiter", () => {
  it("records the 1st, 10th, 100th and 1000th denial of a key and operation in a window", () => {
    const limiter = new DenialLimiter(() => 0);
    expect(recordedOf(limiter, "actor:ada", "approving a request", 5_000)).toEqual([1, 10, 100, 1000]);
  });

  it("counts each key and each operation separately", () => {
    const limiter = new DenialLimiter(() => 0);
    expect(recordedOf(limiter, "actor:ada", "approving", 3)).toEqual([1]);
    expect(recordedOf(limiter, "actor:eve", "approving", 3)).toEqual([1]);
    expect(recordedOf(limiter, "actor:ada", "rejecting", 3)).toEqual([1]);
  });

  it("starts again in the next window", () => {
    let now = 0;
    const limiter = new DenialLimiter(() => now);
    expect(recordedOf(limiter, "actor:ada", "approving", 20)).toEqual([1, 10]);
    now += WINDOW_MS;
    expect(recordedOf(limiter, "actor:ada", "approving", 20)).toEqual([1, 10]);
  });

  it("bounds the rows of a flood from ever-changing keys (forged client addresses)", () => {
    const limiter = new DenialLimiter(() => 0);
    let recorded = 0;
    for (let i = 0; i < 50_000; i++) if (limiter.decide(`addr:10.0.${i}`, "approving").record) recorded++;
    expect(recorded).toBeLessThanOrEqual(GLOBAL_CAP + 5);
    expect(recorded).toBeGreaterThanOrEqual(GLOBAL_CAP);
  });
});
