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
  return workflowEvents(own.id);
}

/** The same history for admins, on the admin workspace page (the full trail is under Audit trail). */
export const getWorkspaceHistoryForAdmin = defineOperation({
  name: "workspace.read-history-admin",
  title: "reading a workspace's history",
  roles: ["admin"],
  input: workspaceInUrl,
  audit: [],
  run: async (_ctx, { workspaceId }) => {
    const row = await db.workspace.findUnique({ where: { id: knownWorkspaceId(workspaceId) }, select: { id: true } });
    if (!row) throw new NotFoundError();
    return workflowEvents(row.id);
  },
});

async function workflowEvents(workspaceId: string): Promise<HistoryEntry[]> {
  const rows = await db.auditEvent.findMany({
    where: { targetType: "workspace", targetId: workspaceId, action: { in: VISIBLE_ACTIONS } },
    orderBy: { seq: "asc" },
    take: 200,
    select: { seq: true, occurredAt: true, action: true, actorEmail: true, reason: true },
  });
  return rows.map((row) => ({ seq: row.seq.toString(), at: row.occurredAt, action: row.action, by: row.actorEmail, reason: row.reason }));
}
