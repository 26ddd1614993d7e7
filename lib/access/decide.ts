// The owner (or an admin) approves or rejects a request for access. Separation of duties comes
// from the governance policy: whoever asked, or would receive the access, never decides; the
// tier may want an admin's approval besides the owner's. The last approval activates the grant
// and writes its RoleBinding and AuthorizationPolicy at once (the reconciler retries a failure).
import "server-only";
import { appendAuditEvent } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db/client";
import type { Ctx } from "@/lib/model/actor";
import { ConflictError, ForbiddenError } from "@/lib/model/errors";
import { enqueueNotification } from "@/lib/notifications/outbox";
import { defineOperation } from "@/lib/operations/define-operation";
import { assertMayDecide } from "@/lib/workspaces/approval-steps";
import { foldEmail, requirementOf, type Change } from "@/lib/workspaces/governance";
import { syncGrantNow, type SyncOutcome } from "./cluster-sync";
import { grantTarget, OPEN_REQUEST_STATES, snapshotOf } from "./grant";
import { grantForManager, isAdmin } from "./rules";
import { grantIdInput, rejectAccessInput } from "./schemas";

type Grant = Awaited<ReturnType<typeof grantForManager>>;

export type DecisionOutcome = { state: "AWAITING_ADMIN" } | { state: "ACTIVE"; cluster: SyncOutcome };

function accessChange(grant: Grant): Change {
  return {
    kind: "access",
    beneficiaryEmail: grant.subjectKind === "User" ? grant.subject : undefined,
    beneficiaryGroup: grant.subjectKind === "Group" ? grant.subject : undefined,
    adminRequired: grant.workspace.tier.accessAdminApproval,
  };
}

/** With two deciders, one must be an admin: the owner's approval never completes it alone. */
function assertSecondDecider(ctx: Ctx, grant: Grant): void {
  if (grant.approvedById === ctx.actor.userId) throw new ConflictError("You already approved this request; an admin has to approve it too.");
  const firstWasOwner = grant.approvedBy !== null && foldEmail(grant.approvedBy.email) === foldEmail(grant.workspace.ownerEmail);
  if (firstWasOwner && !isAdmin(ctx)) throw new ForbiddenError("This workspace's tier needs an admin to approve access as well.");
}

/** The grant becomes ACTIVE: its audit event and the contributor's notification in the same transaction. */
export async function activateGrant(tx: Tx, ctx: Ctx, grant: Grant, action: "access.granted" | "access.added"): Promise<void> {
  const { count } = await tx.accessGrant.updateMany({
    where: { id: grant.id, version: grant.version },
    data: { state: "ACTIVE", decidedById: ctx.actor.userId, decidedAt: new Date(), synced: false, attempts: 0, nextAttemptAt: null, version: { increment: 1 } },
  });
  if (count !== 1) throw new ConflictError("This request changed since you loaded the page. Reload and try again.");
  const after = { ...snapshotOf(grant, "ACTIVE"), approvedBy: ctx.actor.email };
  await appendAuditEvent(tx, { action, result: "success", actor: ctx.actor, context: ctx.meta, target: grantTarget(grant), before: { state: grant.state }, after, reason: grant.reason });
  const until = grant.endsAt ? ` until ${grant.endsAt.toISOString().slice(0, 10)}` : "";
  await enqueueNotification(tx, "access.granted", `${grant.subject} now has ${grant.role} access to ${grant.workspace.name}${until} (approved by ${ctx.actor.email}).`, {
    id: grant.workspaceId,
    name: grant.workspace.name,
    owner: grant.workspace.ownerEmail,
  });
}

/** Records a first approval that is not yet enough (the tier wants an admin too). */
export async function recordFirstApproval(tx: Tx, ctx: Ctx, grant: Grant, action: "access.approval_recorded" | "access.added"): Promise<void> {
  const { count } = await tx.accessGrant.updateMany({
    where: { id: grant.id, version: grant.version },
    data: { state: "AWAITING_ADMIN", approvedById: ctx.actor.userId, version: { increment: 1 } },
  });
  if (count !== 1) throw new ConflictError("This request changed since you loaded the page. Reload and try again.");
  await appendAuditEvent(tx, {
    action,
    result: "success",
    actor: ctx.actor,
    context: ctx.meta,
    target: grantTarget(grant),
    before: { state: grant.state },
    after: snapshotOf(grant, "AWAITING_ADMIN"),
    reason: "approved; the tier needs an admin's approval as well",
  });
}

export const approveAccess = defineOperation({
  name: "access.approve",
  title: "approving access to a workspace",
  roles: ["requester", "admin"],
  input: grantIdInput,
  audit: ["access.granted", "access.approval_recorded"],
  run: async (ctx, { grantId }): Promise<DecisionOutcome> => {
    const grant = await grantForManager(ctx, grantId);
    if (!OPEN_REQUEST_STATES.includes(grant.state as never)) throw new ConflictError("This request has already been decided.");
    const change = accessChange(grant);
    await assertMayDecide(ctx, { requester: grant.requestedBy, ownerEmail: grant.workspace.ownerEmail }, change, grantTarget(grant));
    const need = requirementOf(change, { approvalsRequired: 1, hard: {}, maxHard: null });
    const required = need.outcome === "approvals" ? need.required : 1;
    if (required === 2 && grant.state === "AWAITING_ADMIN") assertSecondDecider(ctx, grant);
    if (required === 2 && grant.state === "PENDING") {
      await db.$transaction((tx) => recordFirstApproval(tx, ctx, grant, "access.approval_recorded"));
      return { state: "AWAITING_ADMIN" };
    }
    await db.$transaction((tx) => activateGrant(tx, ctx, grant, "access.granted"));
    return { state: "ACTIVE", cluster: await syncGrantNow(ctx, grant.id) };
  },
});

export const rejectAccess = defineOperation({
  name: "access.reject",
  title: "rejecting an access request",
  roles: ["requester", "admin"],
  input: rejectAccessInput,
  audit: ["access.rejected"],
  run: async (ctx, { grantId, note }) => {
    const grant = await grantForManager(ctx, grantId);
    if (!OPEN_REQUEST_STATES.includes(grant.state as never)) throw new ConflictError("This request has already been decided.");
    await assertMayDecide(ctx, { requester: grant.requestedBy, ownerEmail: grant.workspace.ownerEmail }, accessChange(grant), grantTarget(grant));
    await db.$transaction(async (tx) => {
      const { count } = await tx.accessGrant.updateMany({
        where: { id: grant.id, version: grant.version },
        data: { state: "REJECTED", decidedById: ctx.actor.userId, decidedAt: new Date(), decisionNote: note, endedAt: new Date(), version: { increment: 1 } },
      });
      if (count !== 1) throw new ConflictError("This request changed since you loaded the page. Reload and try again.");
      await appendAuditEvent(tx, {
        action: "access.rejected",
        result: "success",
        actor: ctx.actor,
        context: ctx.meta,
        target: grantTarget(grant),
        before: { state: grant.state },
        after: snapshotOf(grant, "REJECTED"),
        reason: note,
      });
      await enqueueNotification(tx, "access.rejected", `${grant.subject}'s request for ${grant.role} access to ${grant.workspace.name} was rejected: ${note}`, {
        id: grant.workspaceId,
        name: grant.workspace.name,
        owner: grant.workspace.ownerEmail,
      });
    });
  },
});
