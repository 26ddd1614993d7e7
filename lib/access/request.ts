// A signed-in person asks for view or edit access to someone else's workspace, with a reason and
// an end date within the tier's policy; the person is always the verified identity of the session.
// They may withdraw their request while it waits.
import "server-only";
import { appendAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { Ctx } from "@/lib/model/actor";
import { ConflictError, NotFoundError } from "@/lib/model/errors";
import { WorkspaceStatus } from "@/lib/model/workspace-status";
import { enqueueNotification } from "@/lib/notifications/outbox";
import { defineOperation } from "@/lib/operations/define-operation";
import { workspaceTarget } from "@/lib/model/audit-event";
import { GRANT_SELECT, grantTarget, newGrantData, OPEN_REQUEST_STATES, snapshotOf } from "./grant";
import { checkEndDate, isOwner } from "./rules";
import { grantIdInput, requestAccessInput } from "./schemas";

export const requestAccess = defineOperation({
  name: "access.request",
  title: "asking for access to a workspace",
  roles: ["requester"],
  input: requestAccessInput,
  audit: ["access.requested"],
  target: workspaceTarget,
  run: async (ctx, input, options: { now?: Date } | undefined) => {
    const now = options?.now ?? new Date();
    const workspace = await db.workspace.findUnique({
      where: { id: input.workspaceId },
      select: { id: true, name: true, status: true, ownerEmail: true, tier: { select: { slug: true, accessMaxDays: true, accessAdminApproval: true } } },
    });
    // A workspace that is not running is as good as absent to someone outside it.
    if (!workspace || workspace.status !== WorkspaceStatus.ACTIVE) throw new NotFoundError();
    if (isOwner(ctx, workspace.ownerEmail)) throw new ConflictError("You own this workspace and already have full access to it.");
    const endsAt = checkEndDate(workspace.tier, input.endsAt, now);
    const subject = { kind: "User" as const, name: ctx.actor.email };
    try {
      return await db.$transaction(async (tx) => {
        const grant = await tx.accessGrant.create({
          data: newGrantData({ workspaceId: workspace.id, subject, role: input.role, reason: input.reason, endsAt, requestedById: ctx.actor.userId }),
          select: GRANT_SELECT,
        });
        await appendAuditEvent(tx, {
          action: "access.requested",
          result: "success",
          actor: ctx.actor,
          context: ctx.meta,
          target: grantTarget(grant),
          after: snapshotOf(grant),
          reason: input.reason,
        });
        const until = endsAt ? ` until ${endsAt.toISOString().slice(0, 10)}` : "";
        await enqueueNotification(tx, "access.requested", `${subject.name} asks for ${input.role} access to ${workspace.name}${until}.`, {
          id: workspace.id,
          name: workspace.name,
          owner: workspace.ownerEmail,
          tier: workspace.tier.slug,
        });
        return { id: grant.id };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError("You already have access to this workspace or a request waiting for it.");
      throw error;
    }
  },
});

export const cancelAccessRequest = defineOperation({
  name: "access.cancel",
  title: "withdrawing an access request",
  roles: ["requester"],
  input: grantIdInput,
  audit: ["access.cancelled"],
  run: async (ctx: Ctx, { grantId }) => {
    const grant = await db.accessGrant.findFirst({ where: { id: grantId, requestedById: ctx.actor.userId }, select: GRANT_SELECT });
    if (!grant) throw new NotFoundError("Access request");
    await db.$transaction(async (tx) => {
      const { count } = await tx.accessGrant.updateMany({
        where: { id: grant.id, state: { in: OPEN_REQUEST_STATES }, version: grant.version },
        data: { state: "CANCELLED", endedAt: new Date(), version: { increment: 1 } },
      });
      if (count !== 1) throw new ConflictError("Only a request that is still waiting can be withdrawn.");
      await appendAuditEvent(tx, {
        action: "access.cancelled",
        result: "success",
        actor: ctx.actor,
        context: ctx.meta,
        target: grantTarget(grant),
        before: { state: grant.state },
        after: snapshotOf(grant, "CANCELLED"),
      });
    });
  },
});
