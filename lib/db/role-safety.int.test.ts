// The role check against the real database (THREATS 75): the application's role, as the test
// stack deploys it, is safe; the schema owner is not, and each reason is named.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { GET as readyz } from "@/app/api/readyz/route";
import { databaseRoleSafety, readRoleFacts, roleProblems } from "./role-safety";

let owner: pg.Client;
beforeAll(async () => {
  owner = new pg.Client({ connectionString: inject("stack").ownerDatabaseUrl });
  await owner.connect();
});
afterAll(() => owner.end());

describe("database role safety (THREATS 75)", () => {
  it("finds the application's own role safe, and readiness says so", async () => {
    expect(await databaseRoleSafety()).toEqual({ safe: true, problems: [], allowed: false });
    const body = (await (await readyz()).json()) as { checks: Record<string, string> };
    expect(body.checks.databaseRole).toBe("ok");
  });

  it("names every way the schema owner could rewrite the audit trail", async () => {
    const facts = await readRoleFacts(async (sql) => (await owner.query(sql)).rows);
    expect(facts).toMatchObject({ ownsSchema: true, ownsAuditTable: true });
    const problems = roleProblems(facts, true);
    expect(problems).toContain("Berth's database role owns the schema.");
    expect(problems).toContain("Berth's database role owns the audit table and could drop its protecting triggers.");
  });

  it("warns when migrations run as the application's role", () => {
    const safe = { superuser: false, ownsSchema: false, ownsAuditTable: false, mayRewriteAudit: false };
    expect(roleProblems(safe, true)).toEqual([]);
    expect(roleProblems(safe, false)).toEqual(["DATABASE_MIGRATION_URL is unset or the same as DATABASE_URL: migrations should run as another role."]);
    expect(roleProblems({ ...safe, mayRewriteAudit: true }, true)).toEqual(["Berth's database role holds UPDATE, DELETE or TRUNCATE on the audit table."]);
  });

  it("fails readiness while unsafe unless the override is set, which is reported", async () => {
    const saved = { url: process.env.DATABASE_MIGRATION_URL, allow: process.env.BERTH_ALLOW_UNSAFE_DB_ROLE };
    const clear = () => delete (globalThis as { berthRoleSafety?: unknown }).berthRoleSafety;
    try {
      delete process.env.DATABASE_MIGRATION_URL;
      clear();
      const refused = await readyz();
      expect(refused.status).toBe(503);
      expect(await refused.json()).toMatchObject({ checks: { databaseRole: "unsafe" }, problems: [expect.stringMatching(/^DATABASE_MIGRATION_URL is unset/)] });
      process.env.BERTH_ALLOW_UNSAFE_DB_ROLE = "1";
      clear();
      const allowed = await readyz();
      expect(allowed.status).toBe(200);
      expect(await allowed.json()).toMatchObject({ checks: { databaseRole: "ok (unsafe, allowed)" } });
    } finally {
      process.env.DATABASE_MIGRATION_URL = saved.url;
      if (saved.allow === undefined) delete process.env.BERTH_ALLOW_UNSAFE_DB_ROLE;
      else process.env.BERTH_ALLOW_UNSAFE_DB_ROLE = saved.allow;
      clear();
    }
  });
});
