// Appends one event to the audit chain inside the caller's transaction, so the event
// commits or rolls back together with the change it records.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { db, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { hashEvent, type ChainedFields } from "./chain";
import type { AuditAction, AuditEventInput } from "@/lib/model/audit-event";

const MAX_TEXT = 2_000;

// The actions appended while an operation runs, so that lib/operations can check that each
// success wrote the event its declaration promises.
const appended = new AsyncLocalStorage<AuditAction[]>();

export async function auditedActionsDuring<R>(run: () => Promise<R>): Promise<{ result: R; actions: AuditAction[] }> {
  const actions: AuditAction[] = [];
  const result = await appended.run(actions, run);
  return { result, actions };
}

export async function appendAuditEvent(tx: Tx, event: AuditEventInput): Promise<bigint> {
  // Locking the head row assigns chain positions one writer at a time.
  const [head] = await tx.$queryRaw<{ seq: bigint; hash: string; occurred_at: Date | null }[]>`
    SELECT h.seq, h.hash, e.occurred_at FROM audit_chain_head h
    LEFT JOIN audit_events e ON e.seq = h.seq
    WHERE h.id = 1 FOR UPDATE OF h`;
  if (!head) throw new Error("audit chain head is missing");
  const now = new Date();
  const fields: ChainedFields = {
    seq: head.seq + 1n,
    // Never earlier than the event before it (replicas' clocks may differ by a little), so
    // time ranges map exactly onto seq ranges when browsing (lib/audit/page-query.ts).
    occurredAt: head.occurred_at && head.occurred_at > now ? head.occurred_at : now,
    actorIssuer: event.actor?.issuer ?? null,
    actorSubject: event.actor?.subject ?? null,
    actorEmail: event.actor?.email ?? null,
    actorName: event.actor?.name ?? null,
    actorRoles: [...(event.actor?.roles ?? [])],
    action: event.action,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    targetName: clip(event.target?.name),
    before: normaliseJson(event.before),
    after: normaliseJson(event.after),
    reason: clip(event.reason),
    result: event.result,
    errorCode: clip(event.errorCode),
    requestId: clip(event.context.requestId),
    clientAddress: clip(event.context.clientAddress),
    userAgent: clip(event.context.userAgent),
    kubeAuditId: clip(event.kubeAuditId),
    prevHash: head.hash,
  };
  const hash = hashEvent(fields);
  await tx.auditEvent.create({
    data: {
      ...fields,
      before: toJsonInput(fields.before),
      after: toJsonInput(fields.after),
      hash,
    },
  });
  await tx.$executeRaw`UPDATE audit_chain_head SET seq = ${fields.seq}, hash = ${hash} WHERE id = 1`;
  appended.getStore()?.push(event.action);
  return fields.seq;
}

/** Records an event on its own, for outcomes that have no other write (denials, failures). */
export function recordAuditEvent(event: AuditEventInput): Promise<bigint> {
  // A burst of denials queues for the head row and for connections: wait longer than Prisma's 2 s
  // for a connection rather than lose the event.
  return db.$transaction((tx) => appendAuditEvent(tx, event), { maxWait: 10_000 });
}

function clip(text: string | null | undefined): string | null {
  if (text === undefined || text === null) return null;
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

// Round-trips through JSON so the hashed value is exactly what jsonb will return.
function normaliseJson(value: unknown): unknown {
  return value === undefined || value === null ? null : JSON.parse(JSON.stringify(value));
}

function toJsonInput(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}
