// The benchmark database: its own embedded PostgreSQL under .data/bench (never the dev or
// test data), migrated like production. The app does not need to run.
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../dev/db/embedded-postgres";
import { migrate } from "../lib/db/migrate";

export const BENCH_DATA_DIR = path.resolve(process.env.BERTH_BENCH_DIR ?? ".data/bench");

export async function startBenchDatabase(): Promise<EmbeddedDatabase> {
  const database = await startEmbeddedPostgres({
    dataDir: path.join(BENCH_DATA_DIR, "postgres"),
    database: "berth_bench",
    log: console.error,
  });
  await migrate(database.url, { appRole: "berth_app" });
  return database;
}
