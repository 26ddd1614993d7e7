// The role check against the real database (THREATS 75): the application's role, as the test
// stack deploys it, is safe; the schema owner is not, and each reason is named.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { GET as readyz } from "@/app/api/readyz/route";
import { sharedRoleWarning } from "./migrate";
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
    const problems = roleProblems(facts);
    expect(problems).toContain("Berth's database role owns the schema.");
    expect(problems).toContain("Berth's database role owns the audit table and could drop its protecting triggers.");
  });

  it("warns where migrations run when they share the application's role", () => {
    const safe = { superuser: false, ownsSchema: false, ownsAuditTable: false, mayRewriteAudit: false };
    expect(roleProblems(safe)).toEqual([]);
    expect(roleProblems({ ...safe, mayRewriteAudit: true })).toEqual(["Berth's database role holds UPDATE, DELETE or TRUNCATE on the audit table."]);
    expect(sharedRoleWarning(true, true)).toBeNull();
    expect(sharedRoleWarning(false, true)).toMatch(/^DATABASE_MIGRATION_URL is unset or connects as the same role as DATABASE_URL/);
    expect(sharedRoleWarning(true, false)).toMatch(/^DATABASE_MIGRATION_URL is unset/);
  });

  it("fails readiness while unsafe unless the override is set, which is reported", async () => {
    const { db } = await import("./client");
    await db.$queryRaw`SELECT 1`;
    // The real client behind lib/db/client.ts's lazy proxy.
    const real = (globalThis as unknown as { berthPrisma: typeof db }).berthPrisma;
    const saved = process.env.BERTH_ALLOW_UNSAFE_DB_ROLE;
    const cache = globalThis as { berthRoleSafety?: unknown };
    // As if Berth connected as the schema owner: the facts come from that connection.
    const spy = vi.spyOn(real, "$queryRawUnsafe").mockImplementation((async (sql: string) => (await owner.query(sql)).rows) as never);
    try {
      delete cache.berthRoleSafety;
      const refused = await readyz();
      expect(refused.status).toBe(503);
      expect(await refused.json()).toMatchObject({ checks: { databaseRole: "unsafe" }, problems: expect.arrayContaining(["Berth's database role owns the schema."]) });
      process.env.BERTH_ALLOW_UNSAFE_DB_ROLE = "1";
      delete cache.berthRoleSafety;
      const allowed = await readyz();
      expect(allowed.status).toBe(200);
      expect(await allowed.json()).toMatchObject({ checks: { databaseRole: "ok (unsafe, allowed)" } });
    } finally {
      spy.mockRestore();
      if (saved === undefined) delete process.env.BERTH_ALLOW_UNSAFE_DB_ROLE;
      else process.env.BERTH_ALLOW_UNSAFE_DB_ROLE = saved;
      delete cache.berthRoleSafety;
    }
  });
});
