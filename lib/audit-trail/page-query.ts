// One page of the audit trail for a filter, newest first, keyset by seq: no OFFSET, no COUNT.
// Every filter is an equality on an indexed (column, seq) pair, or a part of an actor's address
// matched through a trigram index; a time range becomes a seq range first, because occurred_at never decreases along the chain (lib/audit/record.ts).
// No role check here: lib/audit/queries.ts and export.ts authorize, and the benchmark runs it.
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { isWholeAddress, PAGE_DEFAULT, type AuditFilter } from "./filter";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const auditListSelect = {
  seq: true,
  occurredAt: true,
  actorEmail: true,
  actorRoles: true,
  action: true,
  targetType: true,
  targetId: true,
  targetName: true,
  result: true,
  errorCode: true,
  reason: true,
  kubeAuditId: true,
} as const satisfies Prisma.AuditEventSelect;

type Reader = Pick<Db, "auditEvent">;

/** The first seq whose time is at or after `time`, or null when there is none. */
async function firstSeqAtOrAfter(db: Reader, time: Date): Promise<bigint | null> {
  const row = await db.auditEvent.findFirst({
    where: { occurredAt: { gte: time } },
    orderBy: [{ occurredAt: "asc" }, { seq: "asc" }],
    select: { seq: true },
  });
  return row?.seq ?? null;
}

/** The Prisma condition for a filter (without its cursor), or null when nothing can match. */
export async function auditWhere(db: Reader, filter: AuditFilter): Promise<Prisma.AuditEventWhereInput | null> {
  const where: Prisma.AuditEventWhereInput = {};
  // A part of an address is matched anywhere, ignoring case: ILIKE, served by the trigram index (0015).
  if (filter.actor) where.actorEmail = isWholeAddress(filter.actor) ? filter.actor : { contains: filter.actor, mode: "insensitive" };
  // Rows with no error code are kept: `<>` alone would drop them (NULL is not unequal to anything).
  if (filter.hideInvalid) where.OR = [{ errorCode: null }, { errorCode: { not: "invalid" } }];
  if (filter.action) where.action = filter.action;
  if (filter.result) where.result = filter.result;
  if (filter.workspace) {
    where.targetType = "workspace";
    if (UUID.test(filter.workspace)) where.targetId = filter.workspace.toLowerCase();
    else where.targetName = filter.workspace;
  }
  const seq: Prisma.BigIntFilter = {};
  if (filter.from) {
    const lowest = await firstSeqAtOrAfter(db, filter.from);
    if (lowest === null) return null;
    seq.gte = lowest;
  }
  if (filter.to) {
    const end = await firstSeqAtOrAfter(db, filter.to);
    if (end !== null) seq.lt = end;
  }
  if (Object.keys(seq).length) where.seq = seq;
  return where;
}

function withCursor(where: Prisma.AuditEventWhereInput, before: bigint | undefined): Prisma.AuditEventWhereInput {
  if (before === undefined) return where;
  const range = (where.seq ?? {}) as Prisma.BigIntFilter;
  const upper = typeof range.lt === "bigint" && range.lt < before ? range.lt : before;
  return { ...where, seq: { ...range, lt: upper } };
}

export interface KeysetPage<T> {
  rows: T[];
  nextCursor: bigint | null;
}

/** One page for a resolved condition: `limit + 1` rows read, the extra one only says "more". */
export async function readAuditPage<S extends Prisma.AuditEventSelect>(
  db: Reader,
  where: Prisma.AuditEventWhereInput | null,
  before: bigint | undefined,
  limit: number,
  select: S,
): Promise<KeysetPage<Prisma.AuditEventGetPayload<{ select: S }>>> {
  if (!where) return { rows: [], nextCursor: null };
  const rows = (await db.auditEvent.findMany({
    where: withCursor(where, before),
    orderBy: { seq: "desc" },
    take: limit + 1,
    select: { ...select, seq: true },
  })) as (Prisma.AuditEventGetPayload<{ select: S }> & { seq: bigint })[];
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? last.seq : null };
}

/** The page the auditor asked for: filter, cursor and page size from the URL. */
export async function queryAuditPage(db: Reader, filter: AuditFilter) {
  const where = await auditWhere(db, filter);
  return readAuditPage(db, where, filter.before, filter.limit ?? PAGE_DEFAULT, auditListSelect);
}
