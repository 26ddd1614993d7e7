// Admin decisions on a pending request. Each is one conditional transition (PENDING → …)
// with its audit event in the same transaction, so double clicks, two tabs or two admins
// produce exactly one decision; the approval then provisions the Profile.
import "server-only";
import { appendAuditEvent, recordAuditEvent } from "@/lib/audit/record";
import type { Ctx } from "@/lib/auth/context";
import { authorize } from "@/lib/authz";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { provisionWorkspace, type ProvisionOutcome } from "./provision";
import { rejectWorkspaceInput, workspaceIdInput } from "./schemas";
import { WorkspaceStatus } from "./status";

export async function approveWorkspace(ctx: Ctx, raw: unknown): Promise<ProvisionOutcome> {
  const { workspaceId } = parseInput(workspaceIdInput, raw);
  await authorize(ctx, ["admin"], { what: "approving a request", target: { type: "workspace", id: workspaceId } });
  const workspace = await loadPending(workspaceId);

  if (workspace.requesterId === ctx.actor.userId) {
    await recordAuditEvent({
      action: "workspace.approve_refused",
      result: "denied",
      actor: ctx.actor,
      context: ctx.meta,
      target: { type: "workspace", id: workspace.id, name: workspace.name },
      reason: "separation of duties: requesters cannot approve their own request",
      errorCode: "self_approval",
    });
    throw new ForbiddenError("You cannot approve your own request; another admin has to.");
  }

  await db.$transaction(async (tx) => {
    const { count } = await tx.workspace.updateMany({
      where: { id: workspace.id, status: WorkspaceStatus.PENDING },
      data: {
        status: WorkspaceStatus.PROVISIONING,
        statusMessage: null,
        decidedById: ctx.actor.userId,
        decidedAt: new Date(),
        version: { increment: 1 },
      },
    });
    if (count !== 1) throw alreadyDecided();
    await appendAuditEvent(tx, {
      action: "workspace.approved",
      result: "success",
      actor: ctx.actor,
      context: ctx.meta,
      target: { type: "workspace", id: workspace.id, name: workspace.name },
      before: { status: WorkspaceStatus.PENDING },
      after: { status: WorkspaceStatus.PROVISIONING, owner: workspace.ownerEmail, hard: workspace.hard },
    });
  });

  return provisionWorkspace(ctx, workspace.id);
}

export async function rejectWorkspace(ctx: Ctx, raw: unknown): Promise<void> {
  const { workspaceId, note } = parseInput(rejectWorkspaceInput, raw);
  await authorize(ctx, ["admin"], { what: "rejecting a request", target: { type: "workspace", id: workspaceId } });
  const workspace = await loadPending(workspaceId);

  await db.$transaction(async (tx) => {
    const { count } = await tx.workspace.updateMany({
      where: { id: workspace.id, status: WorkspaceStatus.PENDING },
      data: {
        status: WorkspaceStatus.REJECTED,
        decidedById: ctx.actor.userId,
        decidedAt: new Date(),
        decisionNote: note,
        version: { increment: 1 },
      },
    });
    if (count !== 1) throw alreadyDecided();
    await appendAuditEvent(tx, {
      action: "workspace.rejected",
      result: "success",
      actor: ctx.actor,
      context: ctx.meta,
      target: { type: "workspace", id: workspace.id, name: workspace.name },
      before: { status: WorkspaceStatus.PENDING },
      after: { status: WorkspaceStatus.REJECTED },
      reason: note,
    });
  });
}

async function loadPending(id: string) {
  const workspace = await db.workspace.findUnique({
    where: { id },
    select: { id: true, name: true, status: true, requesterId: true, ownerEmail: true, hard: true },
  });
  if (!workspace) throw new NotFoundError("Request");
  if (workspace.status !== WorkspaceStatus.PENDING) throw alreadyDecided();
  return workspace;
}

function alreadyDecided(): ConflictError {
  return new ConflictError("This request has already been decided.");
}
