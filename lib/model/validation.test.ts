import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ValidationError } from "./errors";
import { parseInput } from "./validation";

const schema = z.strictObject({ name: z.string().min(1, "Enter a name.") });

describe("parseInput", () => {
  it("returns the parsed input", () => {
    expect(parseInput(schema, { name: "a" })).toEqual({ name: "a" });
  });

  it("collects every field's messages, unknown fields included", () => {
    expect(() => parseInput(schema, { name: "", extra: "x" })).toThrowError(ValidationError);
    try {
      parseInput(schema, { name: "", extra: "x" });
    } catch (error) {
      expect((error as ValidationError).fieldErrors).toEqual({ name: ["Enter a name."], extra: ['Unknown field "extra".'] });
    }
  });

  it.each(["constructor", "toString", "__proto__", "hasOwnProperty"])("refuses a field named %s as unknown, not with a crash", (key) => {
    const raw = JSON.parse(`{"name":"a",${JSON.stringify(key)}:"x"}`) as Record<string, unknown>;
    let caught: unknown;
    try {
      parseInput(schema, raw);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect(Object.entries((caught as ValidationError).fieldErrors)).toEqual([[key, [`Unknown field "${key}".`]]]);
  });
});
