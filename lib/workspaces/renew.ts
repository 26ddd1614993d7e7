// Renewal before the end date, inside the notice window and once per window. On a one-approval
// tier the owner's request extends the workspace at once; on a two-approval tier it needs two
// distinct admins again, neither of them the owner. It extends by one lifetime from the end date.
import "server-only";
import type { z } from "zod";
import { defineOperation } from "@/lib/operations/define-operation";
import { workspaceTarget } from "@/lib/model/audit-event";
import { appendAuditEvent } from "@/lib/audit/record";
import type { Ctx } from "@/lib/model/actor";
import { db, type Tx } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/model/errors";
import { workflowConfigFromEnv } from "@/lib/config";
import { assertMayDecide, liveApprovals, PARTIES_SELECT, partiesOf, recordPartialApproval } from "./approval-steps";
import { requirementOf, type TierRules } from "./governance";
import { renewalWindow } from "./renewal-window";
import { renewWorkspaceInput, workspaceIdInput } from "./schemas";
import { WorkspaceStatus } from "@/lib/model/workspace-status";

const DAY_MS = 24 * 60 * 60 * 1000;
const renewalSelect = {
  id: true,
  name: true,
  status: true,
  requesterId: true,
  expiresAt: true,
  lastRenewedAt: true,
  renewalRequestedAt: true,
  tier: { select: { approvalsRequired: true, lifetimeDays: true } },
  ...PARTIES_SELECT,
} as const;

export type RenewalOutcome = { status: "RENEWED"; expiresAt: Date } | { status: "AWAITING_APPROVAL"; approvals: number };

export interface RenewalOptions {
  now?: Date;
  /** How long before the end date a renewal may be asked for (BERTH_EXPIRY_NOTICE_DAYS). */
  noticeDays?: number;
}

export const requestRenewal = defineOperation({
  name: "workspace.renew",
  title: "asking for a renewal",
  roles: ["requester"],
  input: renewWorkspaceInput,
  audit: ["workspace.renewed", "workspace.renewal_requested"],
  target: workspaceTarget,
  run: (ctx, input, options: RenewalOptions | undefined) => askForRenewal(ctx, input, clockOf(options)),
});

export const approveRenewal = defineOperation({
  name: "workspace.approve-renewal",
  title: "approving a renewal",
  roles: ["admin"],
  input: workspaceIdInput,
  audit: ["workspace.renewed", "workspace.approval_recorded"],
  target: workspaceTarget,
  run: (ctx, input, options: RenewalOptions | undefined) => decideRenewal(ctx, input, clockOf(options)),
});

interface Clock {
  now: Date;
  noticeDays: number;
}

function clockOf(options: RenewalOptions | undefined): Clock {
  return { now: options?.now ?? new Date(), noticeDays: options?.noticeDays ?? workflowConfigFromEnv().expiryNoticeDays };
}

async function askForRenewal(ctx: Ctx, { workspaceId, reason }: z.infer<typeof renewWorkspaceInput>, clock: Clock): Promise<RenewalOutcome> {
  const ws = await db.workspace.findFirst({ where: { id: workspaceId, requesterId: ctx.actor.userId }, select: renewalSelect });
  if (!ws) throw new NotFoundError();
  const target = { type: "workspace", id: ws.id, name: ws.name };
  return db.$transaction(async (tx) => {
    await lockRenewable(tx, ws.id, clock);
    if (requirementOf({ kind: "renew" }, renewalRules(ws.tier)).outcome === "allowed") {
      return extend(tx, ctx, target, ws.tier.lifetimeDays, clock.now, "owner renewal");
    }
    const { count } = await tx.workspace.updateMany({
      where: { id: ws.id, renewalRequestedAt: null },
      data: { renewalRequestedAt: clock.now, renewalReason: reason },
    });
    if (count !== 1) throw new ConflictError("A renewal of this workspace is already waiting for approval.");
    await appendAuditEvent(tx, { action: "workspace.renewal_requested", result: "success", actor: ctx.actor, context: ctx.meta, target, reason });
    return { status: "AWAITING_APPROVAL", approvals: 0 } as const;
  });
}

async function decideRenewal(ctx: Ctx, { workspaceId }: z.infer<typeof workspaceIdInput>, clock: Clock): Promise<RenewalOutcome> {
  const ws = await db.workspace.findUnique({ where: { id: workspaceId }, select: renewalSelect });
  if (!ws?.renewalRequestedAt) throw new NotFoundError("Renewal request");
  const target = { type: "workspace", id: ws.id, name: ws.name };
  await assertMayDecide(ctx, partiesOf(ws), { kind: "renew" }, target);
  const purpose = `renewal:${ws.renewalRequestedAt.getTime()}`;
  return db.$transaction(async (tx) => {
    await lockRenewable(tx, ws.id, clock);
    const earlier = await liveApprovals(tx, ws.id, purpose);
    if (earlier.some((a) => a.approverId === ctx.actor.userId)) throw new ConflictError("You have already approved this renewal; a second admin has to.");
    const current = await tx.workspace.findUniqueOrThrow({ where: { id: ws.id }, select: { renewalRequestedAt: true } });
    if (current.renewalRequestedAt?.getTime() !== ws.renewalRequestedAt?.getTime()) throw new ConflictError("This renewal has already been decided.");
    await tx.workspaceApproval.create({ data: { workspaceId: ws.id, approverId: ctx.actor.userId, purpose } });
    const approvals = earlier.length + 1;
    const need = requirementOf({ kind: "renew" }, renewalRules(ws.tier));
    const required = need.outcome === "approvals" ? need.required : 1;
    if (approvals < required) {
      await recordPartialApproval(tx, ctx, target, { renewal: true, approvals, required });
      return { status: "AWAITING_APPROVAL", approvals } as const;
    }
    return extend(tx, ctx, target, ws.tier.lifetimeDays, clock.now, `renewal approved by ${approvals} admins`);
  });
}

/**
 * A renewal is possible only inside the notice window before the end date, and once per window:
 * asked again and again it would push the end date out for ever.
 */
async function lockRenewable(tx: Tx, id: string, { now, noticeDays }: Clock): Promise<void> {
  const rows = await tx.$queryRaw<{ status: string; expires_at: Date | null; last_renewed_at: Date | null }[]>`
    SELECT status::text AS status, expires_at, last_renewed_at FROM workspaces WHERE id = ${id}::uuid FOR UPDATE`;
  const row = rows[0];
  if (row?.status !== WorkspaceStatus.ACTIVE || !row.expires_at || row.expires_at <= now) {
    throw new ConflictError("Only an active workspace with an end date still ahead can be renewed.");
  }
  const window = renewalWindow(row.expires_at, row.last_renewed_at, noticeDays, now);
  if (!window.open) throw new ConflictError(window.reason);
}

/** A renewal changes no quota: only the tier's number of approvals matters. */
function renewalRules(tier: { approvalsRequired: number }): TierRules {
  return { approvalsRequired: tier.approvalsRequired, hard: {}, maxHard: null };
}


async function extend(
  tx: Tx,
  ctx: Ctx,
  target: { type: string; id: string; name: string },
  lifetimeDays: number | null,
  now: Date,
  reason: string,
): Promise<RenewalOutcome> {
  const row = await tx.workspace.findUniqueOrThrow({ where: { id: target.id }, select: { expiresAt: true } });
  // One lifetime from the current end date (still ahead: lockRenewable checked it).
  const from = row.expiresAt ?? now;
  // A tier whose lifetime was removed since approval: renew by a year rather than forever.
  const expiresAt = new Date(from.getTime() + (lifetimeDays ?? 365) * DAY_MS);
  await tx.workspace.update({
    where: { id: target.id },
    data: { expiresAt, lastRenewedAt: now, expiryNoticeAt: null, renewalRequestedAt: null, renewalReason: null, version: { increment: 1 } },
  });
  await appendAuditEvent(tx, {
    action: "workspace.renewed",
    result: "success",
    actor: ctx.actor,
    context: ctx.meta,
    target,
    before: { expiresAt: row.expiresAt },
    after: { expiresAt },
    reason,
  });
  return { status: "RENEWED", expiresAt };
}
