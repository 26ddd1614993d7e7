// The migration runner against a real PostgreSQL: idempotent, and loud about edited history.
import { cp, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEFAULT_MIGRATIONS_DIR, migrate, readMigrations } from "./migrate";

// Creating scratch databases needs the owner, not the application role.
const url = () => inject("stack").ownerDatabaseUrl;
let scratchUrl: string;
let admin: pg.Client;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: url() });
  await admin.connect();
  await admin.query("DROP DATABASE IF EXISTS berth_migrate_test");
  await admin.query("CREATE DATABASE berth_migrate_test");
  const scratch = new URL(url());
  scratch.pathname = "/berth_migrate_test";
  scratchUrl = scratch.toString();
});
afterAll(() => admin.end());

describe("migrate", () => {
  it("applies every migration once, in order, and then nothing", async () => {
    const first = await migrate(scratchUrl);
    const all = (await readMigrations()).map((m) => m.name);
    expect(all.slice(0, 2)).toEqual(["0001_init", "0002_default_tiers"]);
    expect(first).toEqual(all);
    expect(await migrate(scratchUrl)).toEqual([]);
    const client = new pg.Client({ connectionString: scratchUrl });
    await client.connect();
    const tiers = await client.query("SELECT slug FROM quota_tiers WHERE retired_at IS NULL ORDER BY slug");
    await client.end();
    expect(tiers.rows.map((r) => r.slug)).toEqual(["gpu", "small-cpu", "standard"]);
  });

  it("two processes migrating at once apply each migration once", async () => {
    await admin.query("DROP DATABASE IF EXISTS berth_migrate_race");
    await admin.query("CREATE DATABASE berth_migrate_race");
    const raceUrl = new URL(url());
    raceUrl.pathname = "/berth_migrate_race";
    const [a, b] = await Promise.all([migrate(raceUrl.toString()), migrate(raceUrl.toString())]);
    expect([...a, ...b].sort()).toEqual((await readMigrations()).map((m) => m.name));
  });

  it("refuses to run when an applied migration was edited afterwards", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "berth-migrations-"));
    await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    await writeFile(path.join(dir, "0002_default_tiers", "migration.sql"), "SELECT 1;");
    await expect(migrate(scratchUrl, { dir })).rejects.toThrow(/0002_default_tiers was changed after it was applied/);
  });

  it("rolls back a failing migration entirely and does not record it", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "berth-migrations-"));
    await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    await cp(path.join(dir, "0002_default_tiers"), path.join(dir, "0003_broken"), { recursive: true });
    await writeFile(path.join(dir, "0003_broken", "migration.sql"), "CREATE TABLE half_done (id int); SELECT no_such_function();");
    await expect(migrate(scratchUrl, { dir })).rejects.toThrow(/0003_broken failed/);
    const client = new pg.Client({ connectionString: scratchUrl });
    await client.connect();
    const table = await client.query("SELECT to_regclass('public.half_done') AS t");
    const recorded = await client.query("SELECT 1 FROM berth_migrations WHERE name = '0003_broken'");
    await client.end();
    expect(table.rows[0].t).toBeNull();
    expect(recorded.rowCount).toBe(0);
  });
});
