// `npm run db:migrate`: apply pending migrations to DATABASE_MIGRATION_URL (or DATABASE_URL).
import { checkSettingsAtStart, migrationSettings } from "@/lib/config";
import { appRoleFor, migrate } from "./migrate";

checkSettingsAtStart(migrationSettings);
const { url, appUrl } = migrationSettings();
const appRole = appUrl ? appRoleFor(appUrl, url) : undefined;
const applied = await migrate(url, { log: console.log, appRole });
console.log(applied.length ? `${applied.length} migration(s) applied` : "database is up to date");
