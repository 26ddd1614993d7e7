// The history of one of the requester's own requests, read from the audit trail. Only the
// workflow's own events are shown: denials by other people stay with the auditors.
import "server-only";
import { AUDIT_ACTIONS } from "@/lib/model/audit-event";
import type { Ctx } from "@/lib/model/actor";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/model/errors";
import { defineOperation } from "@/lib/operations/define-operation";
import { knownWorkspaceId, workspaceInUrl } from "./schemas";

// The workflow's own steps; refusals and denials (someone else's attempts) are left out.
const VISIBLE_ACTIONS: string[] = AUDIT_ACTIONS.filter(
  (action) => (action.startsWith("workspace.") || action.startsWith("profile.")) && !action.endsWith("_refused"),
);

export interface HistoryEntry {
  seq: string;
  at: Date;
  action: string;
  by: string | null;
  reason: string | null;
}

export const getMyRequestHistory = defineOperation({
  name: "workspace.read-history",
  title: "reading a request's history",
  roles: ["requester"],
  input: workspaceInUrl,
  audit: [],
  run: readHistory,
});

async function readHistory(ctx: Ctx, { workspaceId }: { workspaceId: string }): Promise<HistoryEntry[]> {
  const own = await db.workspace.findFirst({ where: { id: knownWorkspaceId(workspaceId), requesterId: ctx.actor.userId }, select: { id: true } });
  if (!own) throw new NotFoundError();
  const rows = await db.auditEvent.findMany({
    where: { targetType: "workspace", targetId: own.id, action: { in: VISIBLE_ACTIONS } },
    orderBy: { seq: "asc" },
    take: 200,
    select: { seq: true, occurredAt: true, action: true, actorEmail: true, reason: true },
  });
  return rows.map((row) => ({ seq: row.seq.toString(), at: row.occurredAt, action: row.action, by: row.actorEmail, reason: row.reason }));
}
