import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/model/errors";
import { describeFilter, filterToSearchParams, PAGE_MAX, parseAuditFilter } from "./filter";

const fieldErrors = (input: Record<string, string | string[]>) => {
  try {
    parseAuditFilter(input);
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
  throw new Error("expected the filter to be refused");
};

describe("audit filter from the URL", () => {
  it("reads every filter, times as UTC, and writes them back for shared links", () => {
    const filter = parseAuditFilter({
      actor: " ada@example.com ",
      workspace: "team-a",
      action: "workspace.approved",
      result: "success",
      from: "2026-11-01T00:00",
      to: "2026-11-27T04:30:00Z",
      before: "1234",
      limit: "20",
    });
    expect(filter).toEqual({
      actor: "ada@example.com",
      workspace: "team-a",
      action: "workspace.approved",
      result: "success",
      from: new Date("2026-11-01T00:00:00Z"),
      to: new Date("2026-11-27T04:30:00Z"),
      before: 1234n,
      limit: 20,
    });
    expect(parseAuditFilter(filterToSearchParams(filter))).toEqual(filter);
    expect(describeFilter(filter)).not.toHaveProperty("before");
  });

  it("treats empty form fields as no filter", () => {
    expect(parseAuditFilter(new URLSearchParams("actor=&workspace=&action=&result=&from=&to="))).toEqual({});
  });

  it.each(["abc", "0", "-1", "1.5", "1e3", "99999999999999999999", "9223372036854775808", "1 OR 1=1", "MTIz"])(
    "refuses a forged cursor %j (THREATS 22)",
    (before) => {
      expect(fieldErrors({ before })).toEqual({ before: ["That page link is not valid."] });
    },
  );

  it("caps a huge page size and refuses a non-numeric one (THREATS 22)", () => {
    expect(parseAuditFilter({ limit: "1000000000" }).limit).toBe(PAGE_MAX);
    expect(parseAuditFilter({ limit: "0" }).limit).toBe(1);
    expect(fieldErrors({ limit: "50; DROP TABLE audit_events" })).toHaveProperty("limit");
  });

  it("refuses unknown actions and results, SQL fragments included (THREATS 22)", () => {
    expect(fieldErrors({ action: "workspace.approved' OR '1'='1" })).toHaveProperty("action");
    expect(fieldErrors({ result: "success; --" })).toHaveProperty("result");
  });

  it("refuses unknown parameters, repeated parameters, bad times and an empty range", () => {
    expect(fieldErrors({ orderBy: "hash" })).toEqual({ orderBy: ['Unknown field "orderBy".'] });
    expect(fieldErrors({ actor: ["a@example.com", "b@example.com"] })).toHaveProperty("actor");
    expect(fieldErrors({ from: "yesterday" })).toHaveProperty("from");
    expect(fieldErrors({ from: "2026-11-02", to: "2026-11-01" })).toEqual({ to: ["The start must be before the end."] });
  });
});

describe("actor parts and hiding validation failures", () => {
  it("reads hideInvalid=1 and writes it back, and refuses other values", () => {
    expect(parseAuditFilter(new URLSearchParams("hideInvalid=1"))).toEqual({ hideInvalid: true });
    expect(parseAuditFilter(new URLSearchParams("hideInvalid="))).toEqual({});
    expect(filterToSearchParams({ hideInvalid: true }).toString()).toBe("hideInvalid=1");
    expect(() => parseAuditFilter(new URLSearchParams("hideInvalid=yes"))).toThrow(ValidationError);
  });

  it("takes a part of an address of three characters or more, or any whole address (THREATS 81)", () => {
    expect(parseAuditFilter({ actor: "gra" })).toEqual({ actor: "gra" });
    expect(parseAuditFilter({ actor: "a@b" })).toEqual({ actor: "a@b" });
    expect(() => parseAuditFilter({ actor: "gr" })).toThrow(expect.objectContaining({ fieldErrors: { actor: [expect.stringMatching(/at least 3 characters/)] } }));
  });
});
