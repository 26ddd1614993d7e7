// Applies the committed SQL migrations in prisma/migrations, each once, in order.
// Prisma's own migration engine is a native download we cannot rely on, so this
// small runner records what it applied (with a checksum) in berth_migrations.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

export const DEFAULT_MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir = DEFAULT_MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

// Any constant works; it only has to be the same for every process running migrations.
const MIGRATION_LOCK_KEY = 7_342_001;

export interface MigrateOptions {
  dir?: string;
  log?: (line: string) => void;
  /**
   * The login role the application connects as, when it is not the schema owner. It gets
   * read and write access to every table except the audit trail, which it may only read
   * and append to (the database assigns each event's position and hash): the database itself
   * then refuses to rewrite history.
   */
  appRole?: string;
}

export async function migrate(connectionString: string, options: MigrateOptions = {}): Promise<string[]> {
  const migrations = await readMigrations(options.dir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    // Two replicas starting together must not apply the same migration twice.
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS berth_migrations (
      name TEXT PRIMARY KEY,
      checksum TEXT NOT NULL,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ name: string; checksum: string }>(
      "SELECT name, checksum FROM berth_migrations",
    );
    const applied = new Map(rows.map((r) => [r.name, r.checksum]));
    const newlyApplied: string[] = [];
    for (const migration of migrations) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(
            `Migration ${migration.name} was changed after it was applied; add a new migration instead.`,
          );
        }
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query("INSERT INTO berth_migrations (name, checksum) VALUES ($1, $2)", [
          migration.name,
          migration.checksum,
        ]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      options.log?.(`applied migration ${migration.name}`);
      newlyApplied.push(migration.name);
    }
    if (options.appRole) await grantAppRole(client, options.appRole);
    return newlyApplied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

async function grantAppRole(client: pg.Client, role: string): Promise<void> {
  const name = `"${role.replaceAll('"', '""')}"`;
  await client.query(`GRANT USAGE ON SCHEMA public TO ${name}`);
  await client.query(`GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO ${name}`);
  await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM ${name}`);
  // The head moves only through audit_events' append trigger, which runs as the owner (THREATS 60).
  await client.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_chain_head FROM ${name}`);
  await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_checkpoints FROM ${name}`);
  await client.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON berth_migrations FROM ${name}`);
  await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${name}`);
}

/** The app's role when the app and the migrations connect as different users, else undefined. */
export function appRoleFor(appUrl: string, migrationUrl: string): string | undefined {
  const app = decodeURIComponent(new URL(appUrl).username);
  const owner = decodeURIComponent(new URL(migrationUrl).username);
  return app && app !== owner ? app : undefined;
}

/**
 * For the migration runner: the app's container rightly has no DATABASE_MIGRATION_URL (it must not
 * hold the owner's password), so the shared role is caught where migrations run, and by the role check at start (lib/db/role-safety.ts, THREATS 75).
 */
export function sharedRoleWarning(migrationUrlSet: boolean, separateAppRole: boolean): string | null {
  if (migrationUrlSet && separateAppRole) return null;
  return "DATABASE_MIGRATION_URL is unset or connects as the same role as DATABASE_URL: Berth would own the schema and could drop the audit trail's triggers. Run migrations as the schema owner and Berth as its own role (SECURITY.md).";
}
