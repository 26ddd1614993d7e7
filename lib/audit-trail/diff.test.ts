import { describe, expect, it } from "vitest";
import { diffJson } from "./diff";

describe("before/after diff", () => {
  it("lists each path once, marked added, removed, changed or unchanged", () => {
    const rows = diffJson(
      { status: "PENDING", hard: { pods: "10", cpu: "4" }, note: "x" },
      { status: "ACTIVE", hard: { pods: "10", memory: "8Gi" }, owner: "ada@example.com" },
    );
    expect(rows).toEqual([
      { path: "hard.cpu", before: '"4"', after: undefined, change: "removed" },
      { path: "hard.memory", before: undefined, after: '"8Gi"', change: "added" },
      { path: "hard.pods", before: '"10"', after: '"10"', change: "unchanged" },
      { path: "note", before: '"x"', after: undefined, change: "removed" },
      { path: "owner", before: undefined, after: '"ada@example.com"', change: "added" },
      { path: "status", before: '"PENDING"', after: '"ACTIVE"', change: "changed" },
    ]);
  });

  it("is empty when neither side has state, and handles arrays and scalars", () => {
    expect(diffJson(null, null)).toEqual([]);
    expect(diffJson(null, { roles: ["a", "b"] }).map((r) => r.path)).toEqual(["roles.0", "roles.1"]);
    expect(diffJson(1, 2)).toEqual([{ path: "(value)", before: "1", after: "2", change: "changed" }]);
  });
});
