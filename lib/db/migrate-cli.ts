// `npm run db:migrate`: apply pending migrations to DATABASE_MIGRATION_URL (or DATABASE_URL).
import { migrate } from "./migrate";

const url = process.env.DATABASE_MIGRATION_URL ?? process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL (or DATABASE_MIGRATION_URL) to the database to migrate.");
  process.exit(2);
}
const applied = await migrate(url, { log: console.log });
console.log(applied.length ? `${applied.length} migration(s) applied` : "database is up to date");
