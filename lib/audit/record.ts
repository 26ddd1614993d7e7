// Appends one event to the audit chain inside the caller's transaction, or inside the one
// statement that makes the change, so the event commits or rolls back together with the change
// it records.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { db, type Db, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { whenRowsIn } from "@/lib/db/sql";
import { boundJson, boundText } from "./bounds";
import type { AuditAction, AuditEventInput } from "@/lib/model/audit-event";

const MAX_TEXT = 2_000;
const MAX_CODE = 200;
const MAX_ADDRESS = 100;
const MAX_USER_AGENT = 300;

// The actions appended while an operation runs, so that lib/operations can check that each
// success wrote the event its declaration promises.
const appended = new AsyncLocalStorage<AuditAction[]>();

export async function auditedActionsDuring<R>(run: () => Promise<R>): Promise<{ result: R; actions: AuditAction[] }> {
  const actions: AuditAction[] = [];
  const result = await appended.run(actions, run);
  return { result, actions };
}

// A verdict the events written while an operation runs have to wait for: its rate-limit hit,
// taken alongside the operation's first read (lib/operations/define-operation.ts). Every change
// commits together with its audit event, so no change commits before the verdict; a refusal
// throws here, inside the change's transaction, which then rolls back.
const verdicts = new AsyncLocalStorage<Promise<void>>();

export function auditWaitsFor<R>(verdict: Promise<void>, run: () => Promise<R>): Promise<R> {
  return verdicts.run(verdict, run);
}

/**
 * The database assigns the event's position, time, previous hash and hash under the head's
 * lock (migration 0011, THREATS 60): this only supplies the content, bounded (THREATS 62).
 */
export async function appendAuditEvent(tx: Tx, event: AuditEventInput): Promise<bigint> {
  const [row] = await writeWithAuditEvent<{ seq: bigint }>(tx, event, (insert) => insert);
  if (!row) throw new Error("the audit append returned no row");
  return row.seq;
}

/**
 * For a change that writes its rows and its event in one statement (one round trip, atomic
 * without a transaction of its own): `statement` receives the event's INSERT, to be used as a
 * data-modifying CTE (`WITH event AS (${insert}) …`), which PostgreSQL always runs to completion.
 * With `onlyIfRowsIn`, the event is written only if that CTE of the statement returned rows
 * (a conditional change), and the statement's rows say whether it was.
 */
export async function writeWithAuditEvent<T>(
  client: Tx | Db,
  event: AuditEventInput,
  statement: (insert: Prisma.Sql) => Prisma.Sql,
  { onlyIfRowsIn }: { onlyIfRowsIn?: string } = {},
): Promise<T[]> {
  await verdicts.getStore();
  const rows = await client.$queryRaw<T[]>(statement(auditInsert(event, whenRowsIn(onlyIfRowsIn))));
  if (!onlyIfRowsIn || rows.length > 0) appended.getStore()?.push(event.action);
  return rows;
}

function auditInsert(event: AuditEventInput, condition: Prisma.Sql): Prisma.Sql {
  const before = boundJson(event.before);
  const after = boundJson(event.after);
  return Prisma.sql`
    INSERT INTO audit_events (actor_issuer, actor_subject, actor_email, actor_name, actor_roles, action,
      target_type, target_id, target_name, before, after, reason, result, error_code, request_id,
      client_address, user_agent, kube_audit_id)
    SELECT ${boundText(event.actor?.issuer, MAX_TEXT)}, ${boundText(event.actor?.subject, MAX_TEXT)},
      ${boundText(event.actor?.email, MAX_TEXT)}, ${boundText(event.actor?.name, MAX_TEXT)},
      ${[...(event.actor?.roles ?? [])]}::text[], ${event.action},
      ${boundText(event.target?.type, MAX_TEXT)}, ${boundText(event.target?.id, MAX_TEXT)}, ${boundText(event.target?.name, MAX_TEXT)},
      ${jsonParam(before)}::jsonb, ${jsonParam(after)}::jsonb, ${boundText(event.reason, MAX_TEXT)}, ${event.result},
      ${boundText(event.errorCode, MAX_CODE)}, ${boundText(event.context.requestId, MAX_CODE)},
      ${boundText(event.context.clientAddress, MAX_ADDRESS)}, ${boundText(event.context.userAgent, MAX_USER_AGENT)},
      ${boundText(event.kubeAuditId, MAX_CODE)}
    ${condition}
    RETURNING seq`;
}

/** Records an event on its own, for outcomes that have no other write (denials, failures). */
export function recordAuditEvent(event: AuditEventInput): Promise<bigint> {
  // A burst of denials queues for the head row and for connections: wait longer than Prisma's 2 s
  // for a connection rather than lose the event.
  return db.$transaction((tx) => appendAuditEvent(tx, event), { maxWait: 10_000 });
}

function jsonParam(value: unknown): string | null {
  return value === null ? null : JSON.stringify(value);
}
