import { describe, expect, it } from "vitest";
import { csvCell, csvHeader, csvLine, EXPORT_COLUMNS, jsonLine, type ExportRow } from "./export-format";

const row = (overrides: Partial<ExportRow>): ExportRow =>
  ({ ...Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, null])), seq: 7n, ...overrides }) as ExportRow;

describe("audit export lines", () => {
  it.each([
    ["=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\""],
    ["+1+2", "\"'+1+2\""],
    ["-2+3", "\"'-2+3\""],
    ["@SUM(A1)", "\"'@SUM(A1)\""],
    ["\t=1", "\"'\t=1\""],
    ["\r=1", "\"'\r=1\""],
  ])("neutralises a spreadsheet formula %j (THREATS 21)", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("quotes every field, doubles quotes and keeps newlines inside the quotes", () => {
    expect(csvCell('say "hi"\nbye')).toBe('"say ""hi""\nbye"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(12)).toBe('"12"');
    expect(csvCell(new Date("2026-11-27T04:00:00Z"))).toBe('"2026-11-27T04:00:00.000Z"');
  });

  it("writes JSON values as JSON, escaped like any other cell", () => {
    const line = csvLine(row({ after: { note: "=cmd" }, actorRoles: ["requester", "admin"] }));
    expect(line).toContain('"{""note"":""=cmd""}"');
    expect(line).toContain('"[""requester"",""admin""]"');
    expect(line.endsWith("\r\n")).toBe(true);
    expect(csvHeader().split(",")).toHaveLength(EXPORT_COLUMNS.length);
  });

  it("writes one JSON object per line with every column, seq as a string", () => {
    const parsed = JSON.parse(jsonLine(row({ reason: "line\nbreak" }))) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([...EXPORT_COLUMNS]);
    expect(parsed).toMatchObject({ seq: "7", reason: "line\nbreak", hash: null });
    expect(jsonLine(row({})).trimEnd()).not.toContain("\n");
  });
});
