// The authorization matrix, derived from the declarations themselves: every operation Berth
// declares is called as every kind of person, and whoever the declaration does not name is
// refused before anything is read or written, with the refusal audited (THREATS 2, 6).
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { Ctx } from "@/lib/model/actor";
import { ForbiddenError } from "@/lib/model/errors";
import type { Role } from "@/lib/model/roles";
import { actor, uniqueName } from "@/test/fixtures";
import { authorizationMatrix, type MatrixRow } from "./registry";

/** Every module of lib/ that declares operations, found by reading the source, not by a list to keep up to date. */
async function declaringModules(): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated") await walk(file);
      } else if (/\.tsx?$/.test(entry.name) && !entry.name.includes(".test.") && file !== path.join("lib", "operations", "define-operation.ts")) {
        if ((await readFile(file, "utf8")).includes("defineOperation({")) found.push(file);
      }
    }
  };
  await walk("lib");
  return found;
}

const PEOPLE: { who: string; roles: Role[] }[] = [
  { who: "a data scientist", roles: ["requester"] },
  { who: "an auditor", roles: ["requester", "auditor"] },
  { who: "an admin", roles: ["requester", "admin"] },
];

// What a well-formed call would carry; strict inputs refuse the extra fields, but the role
// check comes first, so only a refusal (never a validation error) may come back.
const PLAUSIBLE_INPUT = { workspaceId: "00000000-0000-4000-8000-000000000001", version: "1", reason: "matrix", name: "matrix-probe", slug: "small-cpu" };

let rows: MatrixRow[] = [];
const operations = new Map<string, (ctx: Ctx, raw: unknown) => Promise<unknown>>();

beforeAll(async () => {
  for (const file of await declaringModules()) {
    const exported = (await import(path.resolve(file))) as Record<string, unknown>;
    for (const value of Object.values(exported)) {
      const declaration = (value as { declaration?: MatrixRow } | null)?.declaration;
      if (typeof value === "function" && declaration?.name) operations.set(declaration.name, value as (ctx: Ctx, raw: unknown) => Promise<unknown>);
    }
  }
  rows = authorizationMatrix();
});

describe("authorization matrix (THREATS 40)", () => {
  it("covers every declared operation, each exported from its module", async () => {
    expect(rows.length).toBeGreaterThanOrEqual(15);
    expect([...operations.keys()].sort()).toEqual(rows.map((row) => row.name));
  });

  it("refuses everyone a declaration does not name, before parsing, and audits each refusal", async () => {
    const refusals: string[] = [];
    for (const row of rows) {
      const run = operations.get(row.name)!;
      for (const person of PEOPLE) {
        if (person.roles.some((role) => row.roles.includes(role))) continue;
        const ctx = await actor(`${uniqueName("matrix")}@example.com`, person.roles);
        const workspacesBefore = await db.workspace.count();
        await expect(run(ctx, PLAUSIBLE_INPUT), `${person.who} calling ${row.name}`).rejects.toBeInstanceOf(ForbiddenError);
        expect(await db.workspace.count()).toBe(workspacesBefore);
        const denial = await db.auditEvent.findFirst({ where: { actorEmail: ctx.actor.email, action: "auth.denied" } });
        expect(denial?.reason, `${row.name} refusal audited`).toBe(`${row.title} needs role ${row.roles.join(" or ")}`);
        refusals.push(`${row.name} × ${person.who}`);
      }
    }
    // Everyone signed in holds "requester"; every operation that names a privileged role only is closed to someone.
    const privileged = rows.filter((row) => !row.roles.includes("requester")).map((row) => row.name);
    expect(new Set(refusals.map((r) => r.split(" × ")[0]))).toEqual(new Set(privileged));
  });

  it("lets the roles a declaration names past the role check", async () => {
    for (const row of rows) {
      const run = operations.get(row.name)!;
      for (const person of PEOPLE.filter((p) => p.roles.some((role) => row.roles.includes(role)))) {
        const ctx = await actor(`${uniqueName("matrix-ok")}@example.com`, person.roles);
        // An empty input is refused by parsing (or answers, for reads without input): never by the role check.
        const outcome = await run(ctx, {}).then(
          () => "answered",
          (error: unknown) => error,
        );
        expect(outcome, `${person.who} calling ${row.name}`).not.toBeInstanceOf(ForbiddenError);
      }
    }
  });

  it("no auditor may change anything (THREATS 6): every operation an auditor may run writes nothing but its own trail", () => {
    const mutationsForAuditors = rows.filter((row) => row.roles.includes("auditor") && row.audit.some((action) => !action.startsWith("audit.")));
    expect(mutationsForAuditors).toEqual([]);
  });
});
