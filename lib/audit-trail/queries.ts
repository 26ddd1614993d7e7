// Reading the audit trail (auditors and admins) and one event in full. Each operation checks the
// role before it builds any query. A requester's view of their own workspace's history is
// lib/workspaces/history.ts.
import "server-only";
import { z } from "zod";
import type { Ctx } from "@/lib/model/actor";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/model/errors";
import { defineOperation } from "@/lib/operations/define-operation";
import { auditFilter, type AuditFilter } from "./filter";
import { queryAuditPage } from "./page-query";

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

export const listAuditEvents = defineOperation({
  name: "audit.list",
  title: "reading the audit trail",
  roles: ["auditor", "admin"],
  input: auditFilter,
  audit: [],
  run: list,
});

async function list(_ctx: Ctx, filter: AuditFilter): Promise<AuditPage> {
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

export const getAuditEvent = defineOperation({
  name: "audit.read",
  title: "reading an audit event",
  roles: ["auditor", "admin"],
  // Any text from the URL: one that is no event's seq is "not found".
  input: z.strictObject({ seq: z.string() }),
  audit: [],
  run: read,
});

async function read(_ctx: Ctx, { seq }: { seq: string }): Promise<AuditEventDetail> {
  if (!/^[1-9][0-9]{0,18}$/.test(seq) || BigInt(seq) >= 2n ** 63n) throw new NotFoundError("Audit event");
  const row = await db.auditEvent.findUnique({ where: { seq: BigInt(seq) } });
  if (!row) throw new NotFoundError("Audit event");
  return { ...row, seq: row.seq.toString() };
}
