// Steps shared by every decision on a workspace: separation of duties by person, and the
// record of an approval that is not yet the last one the change needs.
import "server-only";
import { recordLimited } from "@/lib/audit/denials";
import { appendAuditEvent } from "@/lib/audit/record";
import type { Ctx } from "@/lib/model/actor";
import type { Tx } from "@/lib/db/client";
import { ForbiddenError } from "@/lib/model/errors";
import type { AuditTarget } from "@/lib/model/audit-event";
import type { Hard } from "@/lib/quota/keys";
import { mayDecide, type Change, type Parties, type Person } from "./governance";

export type Target = { type: string; id: string; name: string };

/** The people who may not decide on a workspace, as its row names them (select with PARTIES_SELECT). */
export const PARTIES_SELECT = { ownerEmail: true, requester: { select: { issuer: true, subject: true, email: true } } } as const;

export function partiesOf(row: { ownerEmail: string; requester: Person }, proposer?: Person): Parties {
  return { requester: row.requester, ownerEmail: row.ownerEmail, proposer };
}

/**
 * Separation of duties (THREATS 7): refuses, audits and throws when the actor is a party to the
 * workspace or the change. The refusal is its own transaction: it must be kept although nothing changes.
 * Repeats go through the denial limiter like any refusal (THREATS 71): a loop of self-approvals
 * writes the 1st, 10th, 100th … of each minute, each with its count.
 */
export async function assertMayDecide(ctx: Ctx, parties: Parties, change: Change, target: AuditTarget): Promise<void> {
  const may = mayDecide(ctx.actor, parties, change);
  if (may.ok) return;
  await recordLimited("deciding on a workspace one is party to", {
    action: "workspace.approve_refused",
    result: "denied",
    actor: ctx.actor,
    context: ctx.meta,
    target,
    reason: `separation of duties: ${may.reason}`,
    errorCode: "self_approval",
    after: { change: change.kind },
  });
  throw new ForbiddenError(may.reason);
}

export function recordPartialApproval(tx: Tx, ctx: Ctx, target: Target, after: Record<string, unknown>): Promise<bigint> {
  return appendAuditEvent(tx, { action: "workspace.approval_recorded", result: "success", actor: ctx.actor, context: ctx.meta, target, after });
}

/** The approvals that still count for `purpose`: those no later quota edit superseded. */
export function liveApprovals(tx: Tx, workspaceId: string, purpose: string): Promise<{ approverId: string; hard: unknown }[]> {
  return tx.workspaceApproval.findMany({ where: { workspaceId, purpose, supersededAt: null }, select: { approverId: true, hard: true } });
}

/**
 * An approver changed the quota: the approvals given so far approved another one, so they stop
 * counting (and stay on record). The queue shows the reset; the audit event names who was reset.
 */
export async function supersedeApprovals(tx: Tx, ctx: Ctx, target: Target, before: Hard, after: Hard, now: Date, purpose = "request"): Promise<void> {
  const earlier = await tx.workspaceApproval.findMany({
    where: { workspaceId: target.id, purpose, supersededAt: null },
    select: { id: true, approver: { select: { email: true } } },
  });
  if (earlier.length === 0) return;
  await tx.workspaceApproval.updateMany({ where: { id: { in: earlier.map((a) => a.id) } }, data: { supersededAt: now } });
  await appendAuditEvent(tx, {
    action: "workspace.approvals_reset",
    result: "success",
    actor: ctx.actor,
    context: ctx.meta,
    target,
    before: { hard: before, approvedBy: earlier.map((a) => a.approver.email) },
    after: { hard: after },
    reason: "the quota was changed after these approvals",
  });
}
