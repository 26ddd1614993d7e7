// Names against what already exists: look-alikes are refused by the database even when they race,
// and the cluster's namespaces count as taken, literally and by look.
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { db } from "@/lib/db/client";
import { ClusterError, ValidationError } from "@/lib/model/errors";
import { actor, standIn, uniqueName } from "@/test/fixtures";
import { nameSkeleton } from "./look-alike";
import { requestWorkspace } from "./request";

// Letters the folding leaves alone, so a random base has exactly one skeleton.
const PLAIN = "abcdfghjkpqtuvwxyz";
function plainBase(length = 8): string {
  return Array.from({ length }, () => PLAIN[Math.floor(Math.random() * PLAIN.length)]).join("");
}

/** Twenty distinct names that all fold to the skeleton of `l<base>`: "l", "1" or "i", and a '-' somewhere. */
function lookAlikes(base: string, count: number): string[] {
  const names: string[] = [];
  for (const first of ["l", "1", "i"]) {
    names.push(`${first}${base}`);
    for (let cut = 1; cut < base.length; cut++) names.push(`${first}${base.slice(0, cut)}-${base.slice(cut)}`);
  }
  return names.slice(0, count);
}

const holders = (skeleton: string) =>
  db.workspace.count({ where: { nameSkeleton: skeleton, status: { notIn: ["REJECTED", "CANCELLED", "DECOMMISSIONED"] } } });

describe("look-alike names race (THREATS 17, THREATS 18)", () => {
  it("of 20 concurrent requests whose names fold to one skeleton exactly one is created; the others get the look-alike refusal", async () => {
    const base = plainBase();
    const names = lookAlikes(base, 20);
    expect(new Set(names).size).toBe(20);
    expect(new Set(names.map(nameSkeleton))).toEqual(new Set([nameSkeleton(`l${base}`)]));
    // One requester each, so per-person limits play no part.
    const people = await Promise.all(names.map((name, i) => actor(`racer${i}.${base}@example.com`)));

    const results = await Promise.allSettled(names.map((name, i) => requestWorkspace(people[i]!, { name, tier: "small-cpu", reason: "race" })));

    const created = results.filter((r) => r.status === "fulfilled");
    expect(created).toHaveLength(1);
    expect(await holders(nameSkeleton(`l${base}`))).toBe(1);
    const winner = await db.workspace.findFirstOrThrow({ where: { nameSkeleton: nameSkeleton(`l${base}`) }, select: { name: true } });
    for (const [i, result] of results.entries()) {
      if (result.status === "fulfilled") continue;
      expect(result.reason).toBeInstanceOf(ValidationError);
      expect((result.reason as ValidationError).fieldErrors).toEqual({
        name: [`"${names[i]}" looks too much like the existing workspace "${winner.name}"; choose a clearly different name.`],
      });
    }
  });

  it("the same name requested concurrently still gets the \"already requested\" refusal", async () => {
    const name = `q${plainBase()}`;
    const people = await Promise.all([0, 1, 2, 3, 4].map((i) => actor(`same${i}.${name}@example.com`)));
    const results = await Promise.allSettled(people.map((person) => requestWorkspace(person, { name, tier: "small-cpu", reason: "race" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") {
        expect((result.reason as ValidationError).fieldErrors).toEqual({ name: [`"${name}" is already requested or in use; choose another name.`] });
      }
    }
  });

  it("a look-alike is accepted once the workspace holding the skeleton has released it", async () => {
    const base = plainBase();
    const ada = await actor(`ada.release.${base}@example.com`);
    const bob = await actor(`bob.release.${base}@example.com`);
    const { id } = await requestWorkspace(ada, { name: `l${base}`, tier: "small-cpu", reason: "r" });
    await expect(requestWorkspace(bob, { name: `1${base}`, tier: "small-cpu", reason: "r" })).rejects.toBeInstanceOf(ValidationError);
    await db.workspace.update({ where: { id }, data: { status: "CANCELLED" } });
    await expect(requestWorkspace(bob, { name: `1${base}`, tier: "small-cpu", reason: "r" })).resolves.toHaveProperty("id");
  });
});

describe("the database keeps the skeleton (THREATS 17)", () => {
  let owner: pg.Client;
  beforeAll(async () => {
    owner = new pg.Client({ connectionString: inject("stack").ownerDatabaseUrl });
    await owner.connect();
  });
  afterAll(() => owner.end());

  it("folds in SQL exactly as nameSkeleton does", async () => {
    const names = ["team-a1", "teama-l", "models-0", "data5et", "b1ll1ng", "churn", "chu-rn", "r-n-r-n", "mirror", "kubef1ow", "lstio-system", "a3i05rnm"];
    const { rows } = await owner.query<{ skeleton: string }>("SELECT berth_name_skeleton(name) AS skeleton FROM unnest($1::text[]) WITH ORDINALITY AS t(name, n) ORDER BY n", [names]);
    expect(rows.map((r) => r.skeleton)).toEqual(names.map(nameSkeleton));
  });

  it("migration 0018 applies over look-alikes that already hold their names: the oldest stands for the skeleton, the others keep theirs", async () => {
    const ada = await actor(`ada.backfill.${plainBase()}@example.com`);
    const base = plainBase();
    const sql = readFileSync(path.resolve("prisma/migrations/0018_unique_name_skeletons/migration.sql"), "utf8");
    await owner.query("BEGIN");
    try {
      // The database as it was before 0018, holding three look-alikes (as the race left them) and one that released its name.
      await owner.query(`DROP INDEX "workspaces_open_name_skeleton_key"; DROP TRIGGER "workspaces_set_name_skeleton" ON "workspaces";
        DROP FUNCTION "workspaces_set_name_skeleton"(); DROP FUNCTION "berth_name_skeleton"(TEXT)`);
      const { rows } = await owner.query<{ id: string; name: string }>(
        `INSERT INTO "workspaces" ("id", "name", "status", "reason", "requester_id", "owner_email", "tier_id", "hard", "created_at", "updated_at")
         SELECT gen_random_uuid(), n.name, n.status::workspace_status, 'r', $1, $2, (SELECT "id" FROM "quota_tiers" WHERE "slug" = 'small-cpu'), '{}', now() - n.age * interval '1 minute', now()
         FROM (VALUES ($3, 'ACTIVE', 4), ($4, 'PENDING', 3), ($5, 'PENDING', 2), ($6, 'REJECTED', 1)) AS n(name, status, age)
         RETURNING "id", "name"`,
        [ada.actor.userId, ada.actor.email, `rn${base}`, `m${base}`, `r-n${base}`, `m-${base}`],
      );
      await owner.query(sql);
      const after = await owner.query<{ name: string; name_skeleton: string }>(
        `SELECT "name", "name_skeleton" FROM "workspaces" WHERE "id" = ANY($1::uuid[]) ORDER BY "created_at"`,
        [rows.map((r) => r.id)],
      );
      const skeleton = nameSkeleton(`m${base}`);
      expect(after.rows.map((r) => r.name_skeleton.split("#")[0])).toEqual([skeleton, skeleton, skeleton, skeleton]);
      // The oldest holder and the released one keep the plain skeleton; the two later holders are set aside.
      expect(after.rows.map((r) => r.name_skeleton === skeleton)).toEqual([true, false, false, true]);
      await expect(owner.query(`UPDATE "workspaces" SET "status" = 'PENDING' WHERE "name" = $1`, [`m-${base}`])).rejects.toMatchObject({ code: "23505" });
    } finally {
      await owner.query("ROLLBACK");
    }
  });

  it("fills the skeleton of a row written without one, and takes back one written by hand", async () => {
    const ada = await actor(`ada.trigger.${plainBase()}@example.com`);
    const tier = await db.quotaTier.findUniqueOrThrow({ where: { slug: "small-cpu" }, select: { id: true } });
    const name = `t${plainBase()}-1`;
    const row = await db.workspace.create({
      data: { name, reason: "r", requesterId: ada.actor.userId, ownerEmail: ada.actor.email, tierId: tier.id, hard: {} },
      select: { id: true, nameSkeleton: true },
    });
    expect(row.nameSkeleton).toBe(nameSkeleton(name));
    const edited = await db.workspace.update({ where: { id: row.id }, data: { nameSkeleton: "something-else" }, select: { nameSkeleton: true } });
    expect(edited.nameSkeleton).toBe(nameSkeleton(name));
  });
});

describe("names the cluster already has (THREATS 17)", () => {
  it("refuses a name that reads like an existing namespace, naming it, and creates nothing", async () => {
    const base = plainBase();
    await standIn.createNamespace(`team-${base}`);
    const ada = await actor(`ada.ns.${base}@example.com`);
    const name = `tea-m${base}`;
    await expect(requestWorkspace(ada, { name, tier: "small-cpu", reason: "r" })).rejects.toMatchObject({
      fieldErrors: { name: [`"${name}" looks too much like the existing namespace "team-${base}"; choose a clearly different name.`] },
    });
    expect(await db.workspace.count({ where: { name } })).toBe(0);
  });

  it("refuses, creating nothing, when the cluster cannot list its namespaces", async () => {
    const ada = await actor("ada.nslist@example.com");
    const name = uniqueName();
    await standIn.injectFault({ method: "GET", pathPrefix: "/api/v1/namespaces", count: 1, status: 503 });
    try {
      await expect(requestWorkspace(ada, { name, tier: "small-cpu", reason: "r" })).rejects.toSatisfy(
        (error) => error instanceof ClusterError && /could not be asked whether this name is free/.test(error.message),
      );
    } finally {
      await standIn.clearFaults();
    }
    expect(await db.workspace.count({ where: { name } })).toBe(0);
  });
});
