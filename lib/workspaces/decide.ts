// Admin decisions on a pending request. The workspace row is locked for the decision and
// every step is conditional on PENDING, with its audit event and notification in the same
// transaction: double clicks, two tabs, two admins or two replicas produce exactly one
// transition and one apply. A two-approval tier needs two distinct admins; the second one
// makes the transition, which then provisions the Profile.
import "server-only";
import type { z } from "zod";
import { appendAuditEvent } from "@/lib/audit/record";
import { workspaceTarget } from "@/lib/model/audit-event";
import type { Ctx } from "@/lib/model/actor";
import { db, type Tx } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/model/errors";
import { enqueueNotification } from "@/lib/notifications/outbox";
import type { Hard } from "@/lib/quota/keys";
import { toTierDetail, tierSelect } from "@/lib/tiers/detail";
import { defineOperation } from "@/lib/operations/define-operation";
import { grantedQuota } from "./approval-quota";
import { assertMayDecide, liveApprovals, PARTIES_SELECT, partiesOf, recordPartialApproval, supersedeApprovals } from "./approval-steps";
import { requirementOf } from "./governance";
import { applyApproved, approvalLease, DESIRED_SELECT, toDesired, type ProvisionOutcome } from "@/lib/reconcile/provision";
import { approveWorkspaceInput, rejectWorkspaceInput } from "./schemas";
import { WorkspaceStatus } from "@/lib/model/workspace-status";
import { getProfile } from "@/lib/kube/profiles";

export type ApproveOutcome = ProvisionOutcome | { status: "AWAITING_APPROVAL"; approvals: number; required: number };

export const approveWorkspace = defineOperation({
  name: "workspace.approve",
  title: "approving a request",
  roles: ["admin"],
  input: approveWorkspaceInput,
  audit: ["workspace.approved", "workspace.approval_recorded"],
  target: workspaceTarget,
  run: (ctx, input, options: { now?: Date } | undefined) => approve(ctx, input, options?.now ?? new Date()),
});

async function approve(ctx: Ctx, input: z.infer<typeof approveWorkspaceInput>, now: Date): Promise<ApproveOutcome> {
  const workspace = await loadPending(input.workspaceId);
  const target = { type: "workspace", id: workspace.id, name: workspace.name };
  // Parties never change while a request is pending; the refusal is audited outside the decision.
  await assertMayDecide(ctx, partiesOf(workspace), { kind: "grant", hard: workspace.hard as Hard }, target);

  // Whose a Profile of this name is, read alongside the transaction rather than after it.
  const existing = getProfile(workspace.name);
  existing.catch(() => undefined);
  const decision = await db.$transaction(async (tx) => {
    // Everything the decision depends on is read under the row lock: two admins approving at
    // once see each other's quota edits and approvals, never a stale copy.
    const current = await lockPending(tx, workspace.id);
    const tier = toTierDetail(current.tier);
    const requested = current.hard as Hard;
    const quota = grantedQuota(input, requested, tier.maxHard, input.override === "on");
    const need = requirementOf({ kind: "grant", hard: quota.hard }, tier);
    const required = need.outcome === "approvals" ? need.required : 1;

    if (quota.changed) await supersedeApprovals(tx, ctx, target, requested, quota.hard, now);
    if (quota.changed || quota.overridden.length > 0) await recordQuotaChange(tx, ctx, target, requested, quota);
    const earlier = await liveApprovals(tx, workspace.id, "request");
    if (earlier.some((a) => a.approverId === ctx.actor.userId)) {
      throw new ConflictError("You have already approved this request; a second admin has to approve it too.");
    }
    await tx.workspaceApproval.create({ data: { workspaceId: workspace.id, approverId: ctx.actor.userId, purpose: "request", hard: quota.hard } });

    const approvals = earlier.length + 1;
    if (approvals < required) {
      await recordPartialApproval(tx, ctx, target, { approvals, required, hard: quota.hard, why: need.outcome === "approvals" ? need.why : undefined });
      return { final: false as const, approvals, required };
    }
    // The expiry clock starts when the workspace is first active (lib/reconcile/provision.ts), not now.
    const expiry = tier.lifetimeDays ? { lifetimeDays: tier.lifetimeDays, startsWhen: "first active" } : null;
    // The transition takes the provisioning lease too and reads back the desired state, so the
    // apply that follows needs no claim and no read of its own.
    const desired = await tx.workspace.update({
      where: { id: workspace.id },
      data: {
        status: WorkspaceStatus.PROVISIONING,
        statusMessage: null,
        decidedById: ctx.actor.userId,
        decidedAt: now,
        nextAttemptAt: approvalLease(new Date()),
        version: { increment: 1 },
      },
      select: DESIRED_SELECT,
    });
    await appendAuditEvent(tx, {
      action: "workspace.approved",
      result: "success",
      actor: ctx.actor,
      context: ctx.meta,
      target,
      before: { status: WorkspaceStatus.PENDING },
      // The quota read and granted under the lock: exactly what is applied.
      after: { status: WorkspaceStatus.PROVISIONING, owner: current.ownerEmail, hard: quota.hard, approvals, expiry },
    });
    await enqueueNotification(tx, "request.approved", `Workspace ${workspace.name} for ${current.ownerEmail} was approved by ${ctx.actor.email}.`, {
      id: workspace.id,
      name: workspace.name,
      owner: current.ownerEmail,
      tier: tier.slug,
    });
    return { final: true as const, desired: toDesired(desired) };
  });

  if (!decision.final) return { status: "AWAITING_APPROVAL", approvals: decision.approvals, required: decision.required };
  return applyApproved({ actor: ctx.actor, context: ctx.meta }, decision.desired, existing);
}

async function recordQuotaChange(
  tx: Tx,
  ctx: Ctx,
  target: { type: string; id: string; name: string },
  before: Hard,
  quota: ReturnType<typeof grantedQuota>,
): Promise<void> {
  const overridden = quota.overridden.length > 0;
  await tx.workspace.update({ where: { id: target.id }, data: { hard: quota.hard, ...(overridden ? { quotaOverride: true } : {}) } });
  await appendAuditEvent(tx, {
    action: overridden ? "workspace.quota_overridden" : "workspace.quota_edited",
    result: "success",
    actor: ctx.actor,
    context: ctx.meta,
    target,
    before: { hard: before },
    after: { hard: quota.hard, aboveTierMaximum: quota.overridden },
  });
}

export const rejectWorkspace = defineOperation({
  name: "workspace.reject",
  title: "rejecting a request",
  roles: ["admin"],
  input: rejectWorkspaceInput,
  audit: ["workspace.rejected"],
  target: workspaceTarget,
  run: reject,
});

async function reject(ctx: Ctx, { workspaceId, note }: z.infer<typeof rejectWorkspaceInput>): Promise<void> {
  const workspace = await loadPending(workspaceId);

  await db.$transaction(async (tx) => {
    await lockPending(tx, workspace.id);
    await tx.workspace.update({
      where: { id: workspace.id },
      data: { status: WorkspaceStatus.REJECTED, decidedById: ctx.actor.userId, decidedAt: new Date(), decisionNote: note, version: { increment: 1 } },
    });
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
    await enqueueNotification(tx, "request.rejected", `Workspace request ${workspace.name} by ${workspace.ownerEmail} was rejected by ${ctx.actor.email}.`, {
      id: workspace.id,
      name: workspace.name,
      owner: workspace.ownerEmail,
    });
  });
}

/** Locks the row and confirms it is still pending: concurrent deciders queue here, the later ones see it decided. */
async function lockPending(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT id FROM workspaces WHERE id = ${id}::uuid FOR UPDATE`;
  const row = await tx.workspace.findUnique({
    where: { id },
    select: { status: true, hard: true, ownerEmail: true, tier: { select: tierSelect } },
  });
  if (row?.status !== WorkspaceStatus.PENDING) throw alreadyDecided();
  return row;
}

async function loadPending(id: string) {
  const workspace = await db.workspace.findUnique({
    where: { id },
    select: { id: true, name: true, status: true, hard: true, ...PARTIES_SELECT },
  });
  if (!workspace) throw new NotFoundError("Request");
  if (workspace.status !== WorkspaceStatus.PENDING) throw alreadyDecided();
  return workspace;
}

function alreadyDecided(): ConflictError {
  return new ConflictError("This request has already been decided.");
}
