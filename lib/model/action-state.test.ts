import { describe, expect, it } from "vitest";
import { submittedValues } from "./action-state";

describe("submittedValues", () => {
  it("keeps text fields, drops anything else, and bounds the number of fields (THREATS 80)", () => {
    const many = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`f${i}`, "v"]));
    expect(Object.keys(submittedValues(many))).toHaveLength(100);
    expect(submittedValues({ a: "1", b: 2, c: null })).toEqual({ a: "1" });
  });
});
