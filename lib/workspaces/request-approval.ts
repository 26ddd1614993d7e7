// The statements of an approval of a request, each one round trip. The request is read without
// a lock; each write is one statement, conditional on the request being exactly as read (still
// pending, same version, same quota), with its approval row, audit event and, for the last
// approval, the transition and the owner's notification. Every approval of a request bumps the
// workspace's version, so two admins deciding at once cannot both write on the same reading: the
// second one's write finds the version moved and writes nothing, and the decision is made again.
import "server-only";
import { randomUUID } from "node:crypto";
import { writeWithAuditEvent } from "@/lib/audit/record";
import type { Db, Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { Ctx } from "@/lib/model/actor";
import { ConflictError, NotFoundError } from "@/lib/model/errors";
import { WorkspaceStatus } from "@/lib/model/workspace-status";
import { notificationInsert } from "@/lib/notifications/outbox";
import type { Hard } from "@/lib/quota/keys";
import { approvalLease, toDesired, type LeasedWorkspace } from "@/lib/reconcile/provision";
import type { TierDetail, toTierDetail } from "@/lib/tiers/detail";

/** The pending request as one reading: its row, tier, requester and the approvals that still count. */
export async function readPendingRequest(client: Db | Tx, id: string) {
  const [row] = await client.$queryRaw<RequestRow[]>`
    SELECT w.id, w.name, w.status::text AS status, w.hard, w.owner_email AS "ownerEmail", w.version,
      json_build_object('issuer', u.issuer, 'subject', u.subject, 'email', u.email) AS requester,
      json_build_object('id', t.id, 'slug', t.slug, 'name', t.name, 'description', t.description, 'hard', t.hard,
        'maxHard', t.max_hard, 'approvalsRequired', t.approvals_required, 'lifetimeDays', t.lifetime_days,
        'containerDefaults', t.container_defaults, 'podSecurity', t.pod_security, 'egressAllow', t.egress_allow,
        'retiredAt', t.retired_at, 'version', t.version) AS tier,
      ARRAY(SELECT a.approver_id::text FROM workspace_approvals a
        WHERE a.workspace_id = w.id AND a.purpose = 'request' AND a.superseded_at IS NULL ORDER BY 1) AS "approverIds"
    FROM workspaces w JOIN users u ON u.id = w.requester_id JOIN quota_tiers t ON t.id = w.tier_id
    WHERE w.id = ${id}::uuid`;
  if (!row) throw new NotFoundError("Request");
  if (row.status !== WorkspaceStatus.PENDING) throw alreadyDecided();
  // JSON turns the tier's timestamp into text.
  const retiredAt = row.tier.retiredAt === null ? null : new Date(row.tier.retiredAt);
  return { ...row, hard: row.hard as Hard, tier: { ...row.tier, retiredAt } };
}

export type PendingRequest = Awaited<ReturnType<typeof readPendingRequest>>;

interface RequestRow {
  id: string;
  name: string;
  status: string;
  hard: unknown;
  ownerEmail: string;
  version: number;
  requester: { issuer: string; subject: string; email: string };
  tier: Omit<Parameters<typeof toTierDetail>[0], "retiredAt" | "containerDefaults" | "egressAllow"> & {
    containerDefaults: Prisma.JsonValue;
    egressAllow: Prisma.JsonValue;
    retiredAt: string | null;
  };
  approverIds: string[];
}

export function alreadyDecided(): ConflictError {
  return new ConflictError("This request has already been decided.");
}

/** What the decision was made on: the version read and the quota it grants (edited or as asked). */
export interface Reading {
  version: number;
  hard: Hard;
}

/**
 * Locks the request for a decision that writes more than one statement (a quota edited at
 * approval), if it is still as read: false when it is not, and the decision must be made again.
 */
export async function lockAsRead(tx: Tx, id: string, reading: Reading): Promise<boolean> {
  const rows = await tx.$queryRaw<unknown[]>`SELECT 1 FROM workspaces WHERE ${stillAsRead(id, reading)} FOR UPDATE`;
  return rows.length === 1;
}

/** The WHERE of every write: the request is still exactly as read. */
function stillAsRead(id: string, reading: Reading): Prisma.Sql {
  return Prisma.sql`id = ${id}::uuid AND status = 'PENDING' AND version = ${reading.version} AND hard = ${JSON.stringify(reading.hard)}::jsonb`;
}

function approvalInsert(ctx: Ctx, hard: Hard, from: string): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO workspace_approvals (id, workspace_id, approver_id, purpose, hard)
    SELECT ${randomUUID()}::uuid, id, ${ctx.actor.userId}::uuid, 'request', ${JSON.stringify(hard)}::jsonb FROM ${Prisma.raw(from)}`;
}

/** An approval that is not yet the last one the request needs. False: not as read any more, nothing written. */
export async function writePartialApproval(
  client: Db | Tx,
  ctx: Ctx,
  request: PendingRequest,
  reading: Reading,
  after: { approvals: number; required: number; why?: string },
): Promise<boolean> {
  const event = {
    action: "workspace.approval_recorded",
    result: "success",
    actor: ctx.actor,
    context: ctx.meta,
    target: { type: "workspace", id: request.id, name: request.name },
    after: { ...after, hard: reading.hard },
  } as const;
  const rows = await writeWithAuditEvent<{ id: string }>(
    client,
    event,
    (insert) => Prisma.sql`
      WITH decided AS (
        UPDATE workspaces SET version = version + 1, updated_at = now() WHERE ${stillAsRead(request.id, reading)} RETURNING id
      ), approval AS (${approvalInsert(ctx, reading.hard, "decided")}), event AS (${insert})
      SELECT id FROM decided`,
    { onlyIfRowsIn: "decided" },
  );
  return rows.length === 1;
}

/**
 * The last approval a request needs: the approval, the transition to PROVISIONING with the
 * provisioning lease (so the apply that follows needs no claim and no read of its own), the
 * owner's notification and the audit event. Null: not as read any more, nothing written.
 */
export async function writeFinalApproval(
  client: Db | Tx,
  ctx: Ctx,
  request: PendingRequest,
  tier: TierDetail,
  reading: Reading,
  approvals: number,
  now: Date,
): Promise<LeasedWorkspace | null> {
  // The expiry clock starts when the workspace is first active (lib/reconcile/provision.ts), not now.
  const expiry = tier.lifetimeDays ? { lifetimeDays: tier.lifetimeDays, startsWhen: "first active" } : null;
  const event = {
    action: "workspace.approved",
    result: "success",
    actor: ctx.actor,
    context: ctx.meta,
    target: { type: "workspace", id: request.id, name: request.name },
    before: { status: WorkspaceStatus.PENDING },
    // The quota the decision was made on: exactly what is applied.
    after: { status: WorkspaceStatus.PROVISIONING, owner: request.ownerEmail, hard: reading.hard, approvals, expiry },
  } as const;
  const notification = notificationInsert(
    "request.approved",
    `Workspace ${request.name} for ${request.ownerEmail} was approved by ${ctx.actor.email}.`,
    { id: request.id, name: request.name, owner: request.ownerEmail, tier: tier.slug },
    "desired",
  );
  const [row] = await writeWithAuditEvent<DesiredScalars>(
    client,
    event,
    (insert) => Prisma.sql`
      WITH desired AS (
        UPDATE workspaces SET status = ${WorkspaceStatus.PROVISIONING}::workspace_status, status_message = NULL,
          decided_by_id = ${ctx.actor.userId}::uuid, decided_at = ${now}, next_attempt_at = ${approvalLease(new Date())},
          version = version + 1, updated_at = now()
        WHERE ${stillAsRead(request.id, reading)}
        RETURNING id, name, status::text AS status, owner_email AS "ownerEmail", hard, generation,
          profile_applied_generation AS "profileAppliedGeneration", attempts, provision_step AS "provisionStep",
          expires_at AS "expiresAt", waiting_since AS "waitingSince", overdue_at AS "overdueAt"
      ), approval AS (${approvalInsert(ctx, reading.hard, "desired")}), notification AS (${notification}), event AS (${insert})
      SELECT * FROM desired`,
    { onlyIfRowsIn: "desired" },
  );
  if (!row) return null;
  return toDesired({ ...row, tier: request.tier, decidedBy: { email: ctx.actor.email }, requester: { email: request.requester.email } });
}

type DesiredScalars = Omit<Parameters<typeof toDesired>[0], "tier" | "decidedBy" | "requester">;
