// Whether the role Berth connects as could rewrite history (THREATS 75): the audit table is
// append-only because the app's role may only SELECT and INSERT on it and its triggers refuse
// the rest, but a role that owns the table (or the schema, or is a superuser) can drop those
// triggers. Asked of the database itself, at start and by /api/readyz, cached for a while.
import "server-only";
import { databaseSettings } from "@/lib/config";
import { log as logger } from "@/lib/telemetry/logger";
import { db } from "./client";

export interface RoleFacts {
  superuser: boolean;
  ownsSchema: boolean;
  ownsAuditTable: boolean;
  mayRewriteAudit: boolean;
}

/** What is wrong, one sentence each; empty when the role is as safe as Berth needs. */
export function roleProblems(facts: RoleFacts): string[] {
  const problems: string[] = [];
  if (facts.superuser) problems.push("Berth's database role is a superuser.");
  if (facts.ownsSchema) problems.push("Berth's database role owns the schema.");
  if (facts.ownsAuditTable) problems.push("Berth's database role owns the audit table and could drop its protecting triggers.");
  if (facts.mayRewriteAudit) problems.push("Berth's database role holds UPDATE, DELETE or TRUNCATE on the audit table.");
  return problems;
}

type Query = (sql: string) => Promise<unknown[]>;

// pg_has_role(…, 'USAGE') is true for the owner itself, for members of the owning role and for superusers.
const FACTS_SQL = `SELECT
  (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
  (SELECT pg_has_role(current_user, nspowner, 'USAGE') FROM pg_namespace WHERE nspname = current_schema()) AS owns_schema,
  (SELECT pg_has_role(current_user, relowner, 'USAGE') FROM pg_class WHERE oid = 'audit_events'::regclass) AS owns_audit_table,
  (has_table_privilege('audit_events', 'UPDATE') OR has_table_privilege('audit_events', 'DELETE')
    OR has_table_privilege('audit_events', 'TRUNCATE')) AS may_rewrite_audit`;

export async function readRoleFacts(query: Query): Promise<RoleFacts> {
  const [row] = (await query(FACTS_SQL)) as { superuser: boolean; owns_schema: boolean; owns_audit_table: boolean; may_rewrite_audit: boolean }[];
  if (!row) throw new Error("the role check returned nothing");
  return { superuser: row.superuser, ownsSchema: row.owns_schema, ownsAuditTable: row.owns_audit_table, mayRewriteAudit: row.may_rewrite_audit };
}

export interface RoleSafety {
  safe: boolean;
  problems: string[];
  /** BERTH_ALLOW_UNSAFE_DB_ROLE=1: serve anyway (readiness passes, the banner stays). */
  allowed: boolean;
}

const CACHE_MS = 5 * 60_000;
const globalForRole = globalThis as unknown as { berthRoleSafety?: { at: number; result: Promise<RoleSafety> } };

/** The role's safety as of at most five minutes ago; a database error is thrown, not cached. */
export function databaseRoleSafety(now = Date.now()): Promise<RoleSafety> {
  const cached = globalForRole.berthRoleSafety;
  if (cached && now - cached.at < CACHE_MS) return cached.result;
  const { allowUnsafeRole } = databaseSettings();
  const result = readRoleFacts((sql) => db.$queryRawUnsafe(sql)).then((facts) => {
    const problems = roleProblems(facts);
    return { safe: problems.length === 0, problems, allowed: allowUnsafeRole };
  });
  globalForRole.berthRoleSafety = { at: now, result };
  result.catch(() => {
    if (globalForRole.berthRoleSafety?.result === result) globalForRole.berthRoleSafety = undefined;
  });
  return result;
}

/** At start: one warning line per problem, so that the operator sees it in the log at once. */
export async function warnAboutDatabaseRole(log: (line: string) => void = (line) => logger.warn(line)): Promise<void> {
  try {
    const { problems, allowed } = await databaseRoleSafety();
    for (const problem of problems) log(`[berth] unsafe database setup: ${problem}${allowed ? " (allowed by BERTH_ALLOW_UNSAFE_DB_ROLE)" : " See SECURITY.md."}`);
  } catch (error) {
    log(`[berth] could not check the database role: ${(error as Error).message}`);
  }
}
