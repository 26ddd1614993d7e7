// What one audit row may hold is bounded, and says when it was clipped (THREATS 62).
import { describe, expect, it } from "vitest";
import { CLIPPED_MARKER, MAX_JSON_BYTES, MAX_KEY_CHARS, boundJson, summariseFieldErrors } from "./bounds";

describe("boundJson", () => {
  it("keeps small JSON as it is, unmarked", () => {
    expect(boundJson({ status: "PENDING", cpu: 2, tags: ["a"] })).toEqual({ status: "PENDING", cpu: 2, tags: ["a"] });
    expect(boundJson(undefined)).toBeNull();
  });

  it("clips long strings, long keys, many keys, long arrays and deep nesting, and marks it", () => {
    const long = "x".repeat(5_000);
    const clipped = boundJson({ [long]: long, list: Array.from({ length: 80 }, (_, i) => i), deep: { a: { b: { c: { d: { e: { f: 1 } } } } } } }) as Record<string, unknown>;
    expect(clipped[CLIPPED_MARKER]).toBe(true);
    const keys = Object.keys(clipped);
    expect(keys.every((key) => key.length <= MAX_KEY_CHARS + 1)).toBe(true);
    expect((clipped.list as unknown[]).at(-1)).toBe("… 30 more");
    expect(JSON.stringify(clipped.deep)).toContain('"…"');
    const many = boundJson(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i]))) as Record<string, unknown>;
    expect(many["…more keys"]).toBe(60);
  });

  it("replaces JSON still too large after clipping by its size and a preview", () => {
    const wide = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, "y".repeat(900)]));
    const bounded = boundJson(wide) as Record<string, unknown>;
    expect(bounded).toMatchObject({ [CLIPPED_MARKER]: true, bytes: expect.any(Number) });
    expect(Buffer.byteLength(JSON.stringify(bounded))).toBeLessThan(MAX_JSON_BYTES);
  });

  it("keeps a number that JavaScript writes with an exponent as text, so both hashes agree", () => {
    expect(boundJson({ tiny: 1e-7, huge: 1e21, fine: 0.5 })).toEqual({ tiny: "1e-7", huge: "1e+21", fine: 0.5 });
  });
});

describe("summariseFieldErrors", () => {
  it("reports invented field names by count and three clipped samples", () => {
    const errors: Record<string, string[]> = { name: ["Required."] };
    for (let i = 0; i < 115; i++) errors[`${i}-${"j".repeat(8_000)}`] = [`Unknown field "${"j".repeat(40)}".`];
    const summary = summariseFieldErrors(errors);
    expect(summary.fieldErrors).toEqual({ name: ["Required."] });
    expect(summary.unknownFields?.count).toBe(115);
    expect(summary.unknownFields?.sample).toHaveLength(3);
    expect(JSON.stringify(summary).length).toBeLessThan(500);
  });
});
