// `npm run db:migrate`: apply pending migrations to DATABASE_MIGRATION_URL (or DATABASE_URL).
import { appRoleFor, migrate } from "./migrate";

const appUrl = process.env.DATABASE_URL;
const url = process.env.DATABASE_MIGRATION_URL ?? appUrl;
if (!url) {
  console.error("Set DATABASE_URL (or DATABASE_MIGRATION_URL) to the database to migrate.");
  process.exit(2);
}
const appRole = appUrl ? appRoleFor(appUrl, url) : undefined;
const applied = await migrate(url, { log: console.log, appRole });
console.log(applied.length ? `${applied.length} migration(s) applied` : "database is up to date");
