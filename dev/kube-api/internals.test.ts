// The stand-in's pure building blocks: quantity canonicalization, field sets, patches, selectors.
import { describe, expect, it } from "vitest";
import { compare, decodePath, fromFieldsV1, toFieldSet, toFieldsV1 } from "./field-set";
import { parseLabelSelector } from "./list";
import { jsonPatch, mergePatch } from "./patch";
import { canonicalQuantity } from "./quantity";
import { PROFILES } from "./resources";

describe("canonicalQuantity", () => {
  it.each([
    ["1000m", "1"],
    ["1500m", "1500m"],
    ["1.5", "1500m"],
    ["0.5", "500m"],
    ["4000", "4k"],
    ["1200", "1200"],
    ["20", "20"],
    ["16Gi", "16Gi"],
    ["1024Mi", "1Gi"],
    ["1536Mi", "1536Mi"],
    ["1.5Gi", "1536Mi"],
    ["0.5Ki", "512"],
    ["1e3", "1e3"],
    ["0", "0"],
    ["0.0001", "100u"],
    ["+2", "2"],
    [20, "20"],
  ] as const)("%s -> %s", (input, expected) => {
    expect(canonicalQuantity(input)).toBe(expected);
  });

  it("rejects what is not a quantity", () => {
    expect(canonicalQuantity("lots")).toBeUndefined();
    expect(canonicalQuantity("1 Gi")).toBeUndefined();
  });
});

describe("field sets", () => {
  it("round-trips FieldsV1, with '.' for a member that also has children", () => {
    const fields = { "f:metadata": { "f:labels": { ".": {}, "f:a": {} } }, "f:spec": { "f:plugins": {} } };
    const set = fromFieldsV1(fields);
    expect([...set].map(decodePath).sort()).toEqual([["metadata", "labels"], ["metadata", "labels", "a"], ["spec", "plugins"]]);
    expect(toFieldsV1(set)).toEqual(fields);
  });

  it("owns granular map keys and atomic lists but not empty structs", () => {
    const set = toFieldSet({ metadata: { labels: { a: "1" } }, spec: { plugins: [{ kind: "X" }], resourceQuotaSpec: {} } }, PROFILES.schema);
    expect([...set].map(decodePath).sort()).toEqual([["metadata", "labels", "a"], ["spec", "plugins"]]);
  });

  it("reports a map that appears as a whole as added, alongside its leaves", () => {
    const c = compare({ spec: {} }, { spec: { owner: { kind: "User" } } }, PROFILES.schema);
    expect([...c.added].map(decodePath).sort()).toEqual([["spec", "owner"], ["spec", "owner", "kind"]]);
  });
});

describe("patches", () => {
  it("merge patch deletes with null and replaces lists", () => {
    expect(mergePatch({ a: { b: 1, c: 2 }, l: [1, 2] }, { a: { b: null }, l: [3] })).toEqual({ a: { c: 2 }, l: [3] });
  });

  it("JSON patch adds to the end of a list with '-' and moves values", () => {
    expect(jsonPatch({ l: [1], a: 1 }, [{ op: "add", path: "/l/-", value: 2 }, { op: "move", from: "/a", path: "/b" }])).toEqual({ l: [1, 2], b: 1 });
  });
});

describe("label selectors", () => {
  it("refuses malformed selectors with 400", () => {
    for (const bad of ["a=b=c", "a in b", "=x"]) {
      expect(() => parseLabelSelector(bad), bad).toThrowError(/unable to parse requirement/);
    }
  });
});
