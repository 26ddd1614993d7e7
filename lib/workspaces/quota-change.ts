// After approval, more quota is a request like the first one. The owner asks (or an admin
// proposes); the governance policy names how many deciders it needs, none of them the owner,
// the requester or the proposer; each approval records the exact quota it approved, and the
// last one writes the new desired state in the same transaction. Decreases apply at once.
import "server-only";
import { z } from "zod";
import { appendAuditEvent } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { Ctx } from "@/lib/model/actor";
import { workspaceTarget, type AuditTarget } from "@/lib/model/audit-event";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/model/errors";
import { plainText } from "@/lib/model/text";
import { WorkspaceStatus } from "@/lib/model/workspace-status";
import { defineOperation } from "@/lib/operations/define-operation";
import { QUOTA_PREFIX, quotaFieldShape, quotaFromForm } from "@/lib/quota/fields";
import type { Hard } from "@/lib/quota/keys";
import { provisionWorkspace, type ProvisionOutcome } from "@/lib/reconcile/provision";
import { tierSelect, toTierDetail } from "@/lib/tiers/detail";
import { assertMayDecide, liveApprovals, PARTIES_SELECT, partiesOf, recordPartialApproval } from "./approval-steps";
import { requirementOf } from "./governance";
import { changeDesiredState, writeDesiredState } from "./lifecycle";

/** States in which a workspace's quota may change. */
export const CHANGEABLE: WorkspaceStatus[] = [WorkspaceStatus.ACTIVE, WorkspaceStatus.SUSPENDED, WorkspaceStatus.PROVISIONING];

export interface Proposal {
  status: "PROPOSED";
  changeId: string;
  required: 1 | 2;
  /** Why it takes that many (e.g. "above the tier's maximum"). */
  why: string;
}

export interface ProposedWorkspace {
  id: string;
  name: string;
  hard: unknown;
  tierId: string;
}

/** The rule for a change of `from` into `to` on the workspace's tier. */
export async function quotaRequirement(tx: Tx | typeof db, tierId: string, from: Hard, to: Hard) {
  const tier = toTierDetail(await tx.quotaTier.findUniqueOrThrow({ where: { id: tierId }, select: tierSelect }));
  return requirementOf({ kind: "quota", from, to }, tier);
}

/**
 * A change that gives more power is recorded to wait for its deciders (one open change per
 * workspace); null when it gives none, and the caller may apply it at once.
 */
export async function proposeIfMore(ctx: Ctx, workspace: ProposedWorkspace, hard: Hard, reason: string): Promise<Proposal | null> {
  const need = await quotaRequirement(db, workspace.tierId, workspace.hard as Hard, hard);
  if (need.outcome !== "approvals") return null;
  try {
    return await db.$transaction(async (tx) => {
      const change = await tx.workspaceChange.create({
        data: { workspaceId: workspace.id, proposedById: ctx.actor.userId, hard, reason, approvalsRequired: need.required },
        select: { id: true },
      });
      await appendAuditEvent(tx, {
        action: "workspace.change_requested",
        result: "success",
        actor: ctx.actor,
        context: ctx.meta,
        target: { type: "workspace", id: workspace.id, name: workspace.name },
        before: { hard: workspace.hard },
        after: { hard, change: change.id, required: need.required, why: need.why, aboveMaximum: need.aboveMaximum },
        reason,
      });
      return { status: "PROPOSED" as const, changeId: change.id, required: need.required, why: need.why };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("A quota change for this workspace is already waiting for a decision.");
    throw error;
  }
}

const quotaChangeInput = z.strictObject({
  workspaceId: z.uuid({ error: "Unknown workspace." }),
  reason: plainText("Reason", 1_000),
  ...quotaFieldShape(QUOTA_PREFIX),
});

export type AskOutcome = Proposal | { status: "APPLIED"; outcome: ProvisionOutcome };

/** The owner asks for another quota for their workspace: more waits for admins, less applies at once. */
export const askForQuotaChange = defineOperation({
  name: "workspace.ask-quota",
  title: "asking for a quota change",
  roles: ["requester"],
  input: quotaChangeInput,
  audit: ["workspace.change_requested", "workspace.quota_changed"],
  target: workspaceTarget,
  run: async (ctx, input): Promise<AskOutcome> => {
    const hard = quotaFromForm(input);
    const workspace = await db.workspace.findFirst({
      where: { id: input.workspaceId, requesterId: ctx.actor.userId },
      select: { id: true, name: true, hard: true, tierId: true, status: true, version: true },
    });
    if (!workspace) throw new NotFoundError();
    if (!CHANGEABLE.includes(workspace.status)) throw new ConflictError("Only an approved workspace's quota can change.");
    if (sameQuota(workspace.hard as Hard, hard)) {
      throw new ValidationError("Please correct the highlighted fields.", { quota: ["This is the quota the workspace has now."] });
    }
    const proposal = await proposeIfMore(ctx, workspace, hard, input.reason);
    if (proposal) return proposal;
    const outcome = await changeDesiredState(ctx, workspace, {
      action: "workspace.quota_changed",
      from: CHANGEABLE,
      version: workspace.version,
      data: { hard },
      before: { hard: workspace.hard },
      after: { hard, decreaseByOwner: true },
      reason: input.reason,
    });
    return { status: "APPLIED", outcome };
  },
});

function sameQuota(a: Hard, b: Hard): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}

const changeId = z.uuid({ error: "Unknown quota change." });

function changeTarget(raw: Record<string, unknown>): AuditTarget | undefined {
  return typeof raw.changeId === "string" ? { type: "change", id: raw.changeId.slice(0, 36) } : undefined;
}

/** Each names the workspace, so the page that decided it can say what became of it. */
export type ChangeDecision =
  | { status: "APPLIED"; workspaceId: string; outcome: ProvisionOutcome }
  | { status: "AWAITING_APPROVAL"; workspaceId: string; approvals: number; required: number };

export const approveQuotaChange = defineOperation({
  name: "workspace.approve-change",
  title: "approving a quota change",
  roles: ["admin"],
  input: z.strictObject({ changeId }),
  audit: ["workspace.quota_changed", "workspace.approval_recorded"],
  target: changeTarget,
  run: async (ctx, { changeId: id }): Promise<ChangeDecision> => {
    const change = await loadPendingChange(id);
    const workspace = change.workspace;
    const target = { type: "workspace", id: workspace.id, name: workspace.name };
    await assertMayDecide(ctx, partiesOf(workspace, change.proposedBy), { kind: "quota", from: workspace.hard as Hard, to: change.hard as Hard }, target);

    const decision = await db.$transaction(async (tx) => {
      await lockPendingChange(tx, id);
      // Read under the lock: the current quota may have changed since the change was asked for.
      const current = await tx.workspace.findUniqueOrThrow({ where: { id: workspace.id }, select: { hard: true, tierId: true, status: true } });
      if (!CHANGEABLE.includes(current.status)) throw new ConflictError("This workspace's quota cannot change any more.");
      const need = await quotaRequirement(tx, current.tierId, current.hard as Hard, change.hard as Hard);
      const required = Math.max(change.approvalsRequired, need.outcome === "approvals" ? need.required : 1);
      const purpose = `change:${id}`;
      const earlier = await liveApprovals(tx, workspace.id, purpose);
      if (earlier.some((a) => a.approverId === ctx.actor.userId)) throw new ConflictError("You have already approved this change; a second admin has to.");
      await tx.workspaceApproval.create({ data: { workspaceId: workspace.id, approverId: ctx.actor.userId, purpose, hard: change.hard as Hard } });
      const approvals = earlier.length + 1;
      if (approvals < required) {
        await recordPartialApproval(tx, ctx, target, { change: id, approvals, required, hard: change.hard });
        return { final: false as const, approvals, required };
      }
      await writeDesiredState(tx, ctx, workspace, {
        action: "workspace.quota_changed",
        from: CHANGEABLE,
        data: { hard: change.hard as Hard },
        before: { hard: current.hard },
        after: { hard: change.hard, change: id, approvals, proposedBy: change.proposedBy.email },
        reason: change.reason,
      });
      await tx.workspaceChange.update({ where: { id }, data: { status: "APPLIED", decidedAt: new Date() } });
      return { final: true as const, approvals, required };
    });
    if (!decision.final) return { status: "AWAITING_APPROVAL", workspaceId: workspace.id, approvals: decision.approvals, required: decision.required };
    return { status: "APPLIED", workspaceId: workspace.id, outcome: await provisionWorkspace(ctx, workspace.id) };
  },
});

/** Saying no gives nobody power: any admin may, and the owner reads the note. */
export const rejectQuotaChange = defineOperation({
  name: "workspace.reject-change",
  title: "rejecting a quota change",
  roles: ["admin"],
  input: z.strictObject({ changeId, note: plainText("Reason for rejection", 1_000) }),
  audit: ["workspace.change_rejected"],
  target: changeTarget,
  run: async (ctx, { changeId: id, note }): Promise<{ workspaceId: string }> => {
    const change = await loadPendingChange(id);
    await db.$transaction(async (tx) => {
      await lockPendingChange(tx, id);
      await tx.workspaceChange.update({ where: { id }, data: { status: "REJECTED", decisionNote: note, decidedAt: new Date() } });
      await appendAuditEvent(tx, {
        action: "workspace.change_rejected",
        result: "success",
        actor: ctx.actor,
        context: ctx.meta,
        target: { type: "workspace", id: change.workspace.id, name: change.workspace.name },
        before: { hard: change.workspace.hard },
        after: { hard: change.workspace.hard, refused: change.hard, change: id },
        reason: note,
      });
    });
    return { workspaceId: change.workspace.id };
  },
});

async function loadPendingChange(id: string) {
  const change = await db.workspaceChange.findUnique({
    where: { id },
    select: {
      id: true,
      status: true,
      hard: true,
      reason: true,
      approvalsRequired: true,
      proposedBy: { select: { issuer: true, subject: true, email: true } },
      workspace: { select: { id: true, name: true, hard: true, ...PARTIES_SELECT } },
    },
  });
  if (!change) throw new NotFoundError("Quota change");
  if (change.status !== "PENDING") throw new ConflictError("This quota change has already been decided.");
  return change;
}

/** Concurrent deciders queue here; the later ones see it decided. */
async function lockPendingChange(tx: Tx, id: string): Promise<void> {
  const rows = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM workspace_changes WHERE id = ${id}::uuid FOR UPDATE`;
  if (rows[0]?.status !== "PENDING") throw new ConflictError("This quota change has already been decided.");
}
