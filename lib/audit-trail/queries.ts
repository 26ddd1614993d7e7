// Reading the audit trail (auditors and admins) and one event in full. Each function checks the
// role before it builds any query. A requester's view of their own workspace's history is
// lib/workspaces/history.ts.
import "server-only";
import type { Ctx } from "@/lib/model/actor";
import { authorize } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/model/errors";
import type { AuditFilter } from "./filter";
import { queryAuditPage } from "./page-query";

export const AUDIT_READERS = ["auditor", "admin"] as const;

export interface AuditEventView {
  seq: string;
  occurredAt: Date;
  actorEmail: string | null;
  actorRoles: string[];
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetName: string | null;
  result: string;
  errorCode: string | null;
  reason: string | null;
  kubeAuditId: string | null;
}

export interface AuditPage {
  events: AuditEventView[];
  nextCursor: string | null;
}

type ListRow = Omit<AuditEventView, "seq"> & { seq: bigint };
const toView = (row: ListRow): AuditEventView => ({ ...row, seq: row.seq.toString() });

export async function listAuditEvents(ctx: Ctx, filter: AuditFilter): Promise<AuditPage> {
  await authorize(ctx, [...AUDIT_READERS], { what: "reading the audit trail" });
  const page = await queryAuditPage(db, filter);
  return { events: page.rows.map(toView), nextCursor: page.nextCursor?.toString() ?? null };
}

export interface AuditEventDetail extends AuditEventView {
  actorIssuer: string | null;
  actorSubject: string | null;
  actorName: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  prevHash: string;
  hash: string;
}

export async function getAuditEvent(ctx: Ctx, seq: string): Promise<AuditEventDetail> {
  await authorize(ctx, [...AUDIT_READERS], { what: "reading an audit event" });
  if (!/^[1-9][0-9]{0,18}$/.test(seq) || BigInt(seq) >= 2n ** 63n) throw new NotFoundError("Audit event");
  const row = await db.auditEvent.findUnique({ where: { seq: BigInt(seq) } });
  if (!row) throw new NotFoundError("Audit event");
  return { ...row, seq: row.seq.toString() };
}
