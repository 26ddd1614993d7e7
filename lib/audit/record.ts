// Appends one event to the audit chain inside the caller's transaction, so the event
// commits or rolls back together with the change it records.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { db, type Tx } from "@/lib/db/client";
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

/**
 * The database assigns the event's position, time, previous hash and hash under the head's
 * lock (migration 0011, THREATS 60): this only supplies the content, bounded (THREATS 62).
 */
export async function appendAuditEvent(tx: Tx, event: AuditEventInput): Promise<bigint> {
  const before = boundJson(event.before);
  const after = boundJson(event.after);
  const [row] = await tx.$queryRaw<{ seq: bigint }[]>`
    INSERT INTO audit_events (actor_issuer, actor_subject, actor_email, actor_name, actor_roles, action,
      target_type, target_id, target_name, before, after, reason, result, error_code, request_id,
      client_address, user_agent, kube_audit_id)
    VALUES (${boundText(event.actor?.issuer, MAX_TEXT)}, ${boundText(event.actor?.subject, MAX_TEXT)},
      ${boundText(event.actor?.email, MAX_TEXT)}, ${boundText(event.actor?.name, MAX_TEXT)},
      ${[...(event.actor?.roles ?? [])]}::text[], ${event.action},
      ${boundText(event.target?.type, MAX_TEXT)}, ${boundText(event.target?.id, MAX_TEXT)}, ${boundText(event.target?.name, MAX_TEXT)},
      ${jsonParam(before)}::jsonb, ${jsonParam(after)}::jsonb, ${boundText(event.reason, MAX_TEXT)}, ${event.result},
      ${boundText(event.errorCode, MAX_CODE)}, ${boundText(event.context.requestId, MAX_CODE)},
      ${boundText(event.context.clientAddress, MAX_ADDRESS)}, ${boundText(event.context.userAgent, MAX_USER_AGENT)},
      ${boundText(event.kubeAuditId, MAX_CODE)})
    RETURNING seq`;
  if (!row) throw new Error("the audit append returned no row");
  appended.getStore()?.push(event.action);
  return row.seq;
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
