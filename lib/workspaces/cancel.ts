// A requester withdraws their own pending request. Anyone else's request is "not found".
import "server-only";
import { appendAuditEvent } from "@/lib/audit/record";
import { workspaceTarget } from "@/lib/model/audit-event";
import type { Ctx } from "@/lib/model/actor";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/model/errors";
import { defineOperation } from "@/lib/operations/define-operation";
import { workspaceIdInput } from "./schemas";
import { WorkspaceStatus } from "@/lib/model/workspace-status";

export const cancelRequest = defineOperation({
  name: "workspace.cancel",
  title: "cancelling a request",
  roles: ["requester"],
  input: workspaceIdInput,
  audit: ["workspace.cancelled"],
  target: workspaceTarget,
  run: cancel,
});

async function cancel(ctx: Ctx, { workspaceId }: { workspaceId: string }): Promise<void> {
  const workspace = await db.workspace.findFirst({
    where: { id: workspaceId, requesterId: ctx.actor.userId },
    select: { id: true, name: true },
  });
  if (!workspace) throw new NotFoundError("Request");
  await db.$transaction(async (tx) => {
    const { count } = await tx.workspace.updateMany({
      where: { id: workspace.id, requesterId: ctx.actor.userId, status: WorkspaceStatus.PENDING },
      data: { status: WorkspaceStatus.CANCELLED, version: { increment: 1 } },
    });
    if (count !== 1) throw new ConflictError("Only a request that is still pending can be cancelled.");
    await appendAuditEvent(tx, {
      action: "workspace.cancelled",
      result: "success",
      actor: ctx.actor,
      context: ctx.meta,
      target: { type: "workspace", id: workspace.id, name: workspace.name },
      before: { status: WorkspaceStatus.PENDING },
      after: { status: WorkspaceStatus.CANCELLED },
    });
  });
}
