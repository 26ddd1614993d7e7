// Renewal before the end date. On a one-approval tier the owner's request extends the
// workspace at once; on a two-approval tier it needs two distinct admins again, neither
// of them the owner. The new end date is counted from the later of now and the old one.
import "server-only";
import type { z } from "zod";
import { defineOperation } from "@/lib/operations/define-operation";
import { workspaceTarget } from "@/lib/model/audit-event";
import { appendAuditEvent } from "@/lib/audit/record";
import type { Ctx } from "@/lib/model/actor";
import { db, type Tx } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/model/errors";
import { recordPartialApproval, refuseSelfApproval } from "./approval-steps";
import { renewWorkspaceInput, workspaceIdInput } from "./schemas";
import { WorkspaceStatus } from "@/lib/model/workspace-status";

const DAY_MS = 24 * 60 * 60 * 1000;
const renewalSelect = {
  id: true,
  name: true,
  status: true,
  requesterId: true,
  expiresAt: true,
  renewalRequestedAt: true,
  tier: { select: { approvalsRequired: true, lifetimeDays: true } },
} as const;

export type RenewalOutcome = { status: "RENEWED"; expiresAt: Date } | { status: "AWAITING_APPROVAL"; approvals: number };

export const requestRenewal = defineOperation({
  name: "workspace.renew",
  title: "asking for a renewal",
  roles: ["requester"],
  input: renewWorkspaceInput,
  audit: ["workspace.renewed", "workspace.renewal_requested"],
  target: workspaceTarget,
  run: (ctx, input, options: { now?: Date } | undefined) => runRequestRenewal(ctx, input, options?.now ?? new Date()),
});

async function runRequestRenewal(ctx: Ctx, { workspaceId, reason }: z.infer<typeof renewWorkspaceInput>, now: Date): Promise<RenewalOutcome> {
  const ws = await db.workspace.findFirst({ where: { id: workspaceId, requesterId: ctx.actor.userId }, select: renewalSelect });
  if (!ws) throw new NotFoundError();
  const target = { type: "workspace", id: ws.id, name: ws.name };
  return db.$transaction(async (tx) => {
    await lockRenewable(tx, ws.id, now);
    if (ws.tier.approvalsRequired < 2) return extend(tx, ctx, target, ws.tier.lifetimeDays, now, "owner renewal");
    const { count } = await tx.workspace.updateMany({
      where: { id: ws.id, renewalRequestedAt: null },
      data: { renewalRequestedAt: now, renewalReason: reason },
    });
    if (count !== 1) throw new ConflictError("A renewal of this workspace is already waiting for approval.");
    await appendAuditEvent(tx, { action: "workspace.renewal_requested", result: "success", actor: ctx.actor, context: ctx.meta, target, reason });
    return { status: "AWAITING_APPROVAL", approvals: 0 } as const;
  });
}

export const approveRenewal = defineOperation({
  name: "workspace.approve-renewal",
  title: "approving a renewal",
  roles: ["admin"],
  input: workspaceIdInput,
  audit: ["workspace.renewed", "workspace.approval_recorded"],
  target: workspaceTarget,
  run: (ctx, input, options: { now?: Date } | undefined) => runApproveRenewal(ctx, input, options?.now ?? new Date()),
});

async function runApproveRenewal(ctx: Ctx, { workspaceId }: z.infer<typeof workspaceIdInput>, now: Date): Promise<RenewalOutcome> {
  const ws = await db.workspace.findUnique({ where: { id: workspaceId }, select: renewalSelect });
  if (!ws?.renewalRequestedAt) throw new NotFoundError("Renewal request");
  const target = { type: "workspace", id: ws.id, name: ws.name };
  if (ws.requesterId === ctx.actor.userId) await refuseSelfApproval(ctx, target, "renewal");
  const purpose = `renewal:${ws.renewalRequestedAt.getTime()}`;
  return db.$transaction(async (tx) => {
    await lockRenewable(tx, ws.id, now);
    const earlier = await tx.workspaceApproval.findMany({ where: { workspaceId: ws.id, purpose }, select: { approverId: true } });
    if (earlier.some((a) => a.approverId === ctx.actor.userId)) throw new ConflictError("You have already approved this renewal; a second admin has to.");
    const current = await tx.workspace.findUniqueOrThrow({ where: { id: ws.id }, select: { renewalRequestedAt: true } });
    if (current.renewalRequestedAt?.getTime() !== ws.renewalRequestedAt?.getTime()) throw new ConflictError("This renewal has already been decided.");
    await tx.workspaceApproval.create({ data: { workspaceId: ws.id, approverId: ctx.actor.userId, purpose } });
    const approvals = earlier.length + 1;
    if (approvals < ws.tier.approvalsRequired) {
      await recordPartialApproval(tx, ctx, target, { renewal: true, approvals, required: ws.tier.approvalsRequired });
      return { status: "AWAITING_APPROVAL", approvals } as const;
    }
    return extend(tx, ctx, target, ws.tier.lifetimeDays, now, `renewal approved by ${approvals} admins`);
  });
}

async function lockRenewable(tx: Tx, id: string, now: Date): Promise<void> {
  const rows = await tx.$queryRaw<{ status: string; expires_at: Date | null }[]>`
    SELECT status::text AS status, expires_at FROM workspaces WHERE id = ${id}::uuid FOR UPDATE`;
  const row = rows[0];
  if (row?.status !== WorkspaceStatus.ACTIVE || !row.expires_at || row.expires_at <= now) {
    throw new ConflictError("Only an active workspace with an end date still ahead can be renewed.");
  }
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
  const from = row.expiresAt && row.expiresAt > now ? row.expiresAt : now;
  // A tier whose lifetime was removed since approval: renew by a year rather than forever.
  const expiresAt = new Date(from.getTime() + (lifetimeDays ?? 365) * DAY_MS);
  await tx.workspace.update({
    where: { id: target.id },
    data: { expiresAt, expiryNoticeAt: null, renewalRequestedAt: null, renewalReason: null, version: { increment: 1 } },
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
