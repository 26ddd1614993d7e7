// Admin decisions on a pending request. An approval reads the request, decides, and writes in
// one statement conditional on the request being exactly as read (lib/workspaces/request-approval.ts),
// with its audit event and notification; a rejection locks the row. Double clicks, two tabs, two
// admins or two replicas produce exactly one transition and one apply. A two-approval tier needs
// two distinct admins; the second one makes the transition, which then provisions the Profile.
import "server-only";
import type { z } from "zod";
import { appendAuditEvent } from "@/lib/audit/record";
import { workspaceTarget } from "@/lib/model/audit-event";
import type { Ctx } from "@/lib/model/actor";
import { db, type Db, type Tx } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/model/errors";
import { enqueueNotification } from "@/lib/notifications/outbox";
import type { Hard } from "@/lib/quota/keys";
import { toTierDetail, tierSelect, type TierDetail } from "@/lib/tiers/detail";
import { defineOperation } from "@/lib/operations/define-operation";
import { grantedQuota } from "./approval-quota";
import { assertMayDecide, PARTIES_SELECT, partiesOf, supersedeApprovals } from "./approval-steps";
import { alreadyDecided, lockAsRead, readPendingRequest, writeFinalApproval, writePartialApproval, type PendingRequest, type Reading } from "./request-approval";
import { requirementOf } from "./governance";
import { applyApproved, type LeasedWorkspace, type ProvisionOutcome } from "@/lib/reconcile/provision";
import { approveWorkspaceInput, rejectWorkspaceInput } from "./schemas";
import { WorkspaceStatus } from "@/lib/model/workspace-status";
import { getProfile, type ClusterProfile } from "@/lib/kube/profiles";

export type ApproveOutcome = ProvisionOutcome | { status: "AWAITING_APPROVAL"; approvals: number; required: number };

export const approveWorkspace = defineOperation({
  name: "workspace.approve",
  title: "approving a request",
  roles: ["admin"],
  input: approveWorkspaceInput,
  audit: ["workspace.approved", "workspace.approval_recorded"],
  // Its first effects are reads (the request, whose Profile the name is): the hit goes alongside.
  rateLimitAlongside: true,
  target: workspaceTarget,
  run: (ctx, input, options: { now?: Date } | undefined) => approve(ctx, input, options?.now ?? new Date()),
});

/** How many times a decision is made again because another admin's approval came first. */
const MAX_PASSES = 5;

async function approve(ctx: Ctx, input: z.infer<typeof approveWorkspaceInput>, now: Date): Promise<ApproveOutcome> {
  // Whose a Profile of this name is: read alongside the decision rather than after it.
  let existing: Promise<ClusterProfile | null> | undefined;
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const request = await readPendingRequest(db, input.workspaceId);
    const target = { type: "workspace", id: request.id, name: request.name };
    // Parties never change while a request is pending.
    await assertMayDecide(ctx, partiesOf(request), { kind: "grant", hard: request.hard }, target);
    existing ??= getProfile(request.name);
    existing.catch(() => undefined);

    const tier = toTierDetail(request.tier);
    const quota = grantedQuota(input, request.hard, tier.maxHard, input.override === "on");
    const edited = quota.changed || quota.overridden.length > 0;
    const decision = edited
      ? await decideWithEditedQuota(ctx, request, tier, quota, now)
      : await decide(db, ctx, request, tier, { version: request.version, hard: request.hard }, request.approverIds, now);
    // Another admin's approval (or edit) came between the reading and the write: decide again on what is there now.
    if (decision === "changed") continue;
    if (!decision.final) return { status: "AWAITING_APPROVAL", approvals: decision.approvals, required: decision.required };
    return applyApproved({ actor: ctx.actor, context: ctx.meta }, decision.desired, existing);
  }
  throw new ConflictError("This request kept changing while you were deciding; please look at it again.");
}

type Decision = "changed" | { final: false; approvals: number; required: number } | { final: true; desired: LeasedWorkspace };

/** This admin's approval on one reading of the request: recorded, or the last one and the transition. */
async function decide(
  client: Db | Tx,
  ctx: Ctx,
  request: PendingRequest,
  tier: TierDetail,
  reading: Reading,
  earlier: string[],
  now: Date,
): Promise<Decision> {
  if (earlier.includes(ctx.actor.userId)) {
    throw new ConflictError("You have already approved this request; a second admin has to approve it too.");
  }
  const need = requirementOf({ kind: "grant", hard: reading.hard }, tier);
  const required = need.outcome === "approvals" ? need.required : 1;
  const approvals = earlier.length + 1;
  if (approvals < required) {
    const why = need.outcome === "approvals" ? need.why : undefined;
    return (await writePartialApproval(client, ctx, request, reading, { approvals, required, why })) ? { final: false, approvals, required } : "changed";
  }
  const desired = await writeFinalApproval(client, ctx, request, tier, reading, approvals, now);
  return desired ? { final: true, desired } : "changed";
}

/**
 * An admin who edits the quota at approval writes more than one statement (the approvals given
 * so far stop counting, the edit, then the approval), so these go in one transaction on the
 * request locked as read.
 */
async function decideWithEditedQuota(ctx: Ctx, request: PendingRequest, tier: TierDetail, quota: ReturnType<typeof grantedQuota>, now: Date): Promise<Decision> {
  const target = { type: "workspace", id: request.id, name: request.name };
  return db.$transaction(async (tx) => {
    if (!(await lockAsRead(tx, request.id, { version: request.version, hard: request.hard }))) return "changed";
    if (quota.changed) await supersedeApprovals(tx, ctx, target, request.hard, quota.hard, now);
    await recordQuotaChange(tx, ctx, target, request.hard, quota);
    // Under the lock nothing else changes it; a changed quota has just superseded every earlier approval.
    const decision = await decide(tx, ctx, request, tier, { version: request.version, hard: quota.hard }, quota.changed ? [] : request.approverIds, now);
    if (decision === "changed") throw new Error("a request locked for its decision changed under it");
    return decision;
  });
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
