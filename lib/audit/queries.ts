// Reading the audit trail: newest first, keyset-paginated by chain position.
import "server-only";
import type { Ctx } from "@/lib/auth/context";
import { authorize } from "@/lib/authz";
import { db } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";

export interface AuditEventView {
  seq: string;
  occurredAt: Date;
  actorEmail: string | null;
  actorRoles: string[];
  action: string;
  targetType: string | null;
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

const PAGE_MAX = 100;

export async function listAuditEvents(ctx: Ctx, options: { cursor?: string; limit?: number } = {}): Promise<AuditPage> {
  await authorize(ctx, ["auditor", "admin"], { what: "reading the audit trail" });
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), PAGE_MAX);
  const before = options.cursor === undefined ? undefined : parseCursor(options.cursor);
  const rows = await db.auditEvent.findMany({
    where: before === undefined ? {} : { seq: { lt: before } },
    orderBy: { seq: "desc" },
    take: limit + 1,
    select: {
      seq: true,
      occurredAt: true,
      actorEmail: true,
      actorRoles: true,
      action: true,
      targetType: true,
      targetName: true,
      result: true,
      errorCode: true,
      reason: true,
      kubeAuditId: true,
    },
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    events: page.map((row) => ({ ...row, seq: row.seq.toString() })),
    nextCursor: rows.length > limit && last ? last.seq.toString() : null,
  };
}

function parseCursor(cursor: string): bigint {
  if (!/^[1-9][0-9]{0,18}$/.test(cursor)) throw new ValidationError("That page link is not valid.", { cursor: ["Invalid cursor."] });
  return BigInt(cursor);
}
