// `npm run db:migrate`: apply pending migrations to DATABASE_MIGRATION_URL (or DATABASE_URL).
import { checkSettingsAtStart, migrationSettings } from "@/lib/config";
import { appRoleFor, migrate, sharedRoleWarning } from "./migrate";

checkSettingsAtStart(migrationSettings);
const { url, appUrl, migrationUrlSet } = migrationSettings();
const appRole = appUrl ? appRoleFor(appUrl, url) : undefined;
// THREATS 75: one role for both, and the app could rewrite the audit trail.
const shared = sharedRoleWarning(migrationUrlSet, appRole !== undefined || appUrl === undefined);
if (shared) console.warn(`[berth] warning: ${shared}`);
const applied = await migrate(url, { log: console.log, appRole });
console.log(applied.length ? `${applied.length} migration(s) applied` : "database is up to date");
