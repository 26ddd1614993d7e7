import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FOLD_FROM, FOLD_TO, nameSkeleton } from "./look-alike";

describe("nameSkeleton (THREATS 17: look-alike names)", () => {
  it("folds '-' and digits that pass for letters, so look-alikes compare equal", () => {
    expect(nameSkeleton("team-a1")).toBe(nameSkeleton("teama-l"));
    expect(nameSkeleton("models-0")).toBe(nameSkeleton("modelso"));
    expect(nameSkeleton("data5et")).toBe(nameSkeleton("dataset"));
    expect(nameSkeleton("billing")).toBe(nameSkeleton("b1ll1ng"));
  });

  it("keeps names that differ in substance apart", () => {
    expect(nameSkeleton("team-a")).not.toBe(nameSkeleton("team-b"));
    expect(nameSkeleton("churn")).not.toBe(nameSkeleton("chum"));
  });
});

describe("the migration's backfill of existing names", () => {
  it("folds exactly as nameSkeleton does", () => {
    const sql = readFileSync(path.resolve("prisma/migrations/0007_request_workflow/migration.sql"), "utf8");
    expect(sql).toContain(`translate(replace("name", '-', ''), '${FOLD_FROM}', '${FOLD_TO}')`);
  });
});
