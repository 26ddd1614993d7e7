// Bounds on a form before any operation parses it (THREATS 72): too many fields, a field name
// too long, or a prototype's name → one validation error (a 400-style answer, never a 500).
import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/model/errors";
import { readFileSync } from "node:fs";
import { formFields, MAX_BODY_BYTES, MAX_FIELD_NAME, MAX_FIELDS } from "./form-fields";

const refusal = (entries: [string, string][]) => {
  try {
    formFields(entries);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fieldErrors.form?.join(" ");
  }
  throw new Error("the form was accepted");
};

describe("form field bounds (THREATS 72)", () => {
  it("keeps a form's fields as plain keys and drops Next's own", () => {
    const fields = formFields([
      ["$ACTION_ID_abc", ""],
      ["name", "ada-lab"],
      ["quota.requests.cpu", "2"],
    ]);
    expect(fields).toEqual({ name: "ada-lab", "quota.requests.cpu": "2" });
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
  });

  it("refuses more fields than any form has", () => {
    const many = Array.from({ length: MAX_FIELDS + 1 }, (_, i): [string, string] => [`f${i}`, "x"]);
    expect(refusal(many)).toBe(`A form has at most ${MAX_FIELDS} fields.`);
    expect(() => formFields(many.slice(0, MAX_FIELDS))).not.toThrow();
    // Next's own entries do not count.
    expect(() => formFields([...many.slice(0, MAX_FIELDS), ["$ACTION_REF_1", ""]])).not.toThrow();
  });

  it("refuses an overlong field name", () => {
    expect(refusal([["x".repeat(MAX_FIELD_NAME + 1), "1"]])).toBe(`A field name has at most ${MAX_FIELD_NAME} characters.`);
    expect(formFields([["x".repeat(MAX_FIELD_NAME), "1"]])).toEqual({ ["x".repeat(MAX_FIELD_NAME)]: "1" });
  });

  it.each(["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "prototype", "__defineGetter__"])(
    "refuses the prototype name %s instead of touching the object",
    (name) => {
      expect(refusal([["name", "ok"], [name, "polluted"]])).toBe(`"${name}" is not a field of this form.`);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );
});

it("bounds the body in the proxy and in Next at the same size", () => {
  const limit = /bodySizeLimit: "(\d+)kb"/.exec(readFileSync("next.config.js", "utf8"))?.[1];
  expect(Number(limit) * 1024).toBe(MAX_BODY_BYTES);
});
