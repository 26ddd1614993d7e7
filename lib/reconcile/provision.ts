// Makes the cluster hold one workspace's desired state (Profile applied, or deleted when
// decommissioned) and records the outcome. The desired state is committed before any cluster
// call; a short lease on the row keeps two processes from working on it at once, and expires so
// a process killed mid-apply is simply followed by another attempt. Applies are idempotent.
import "server-only";
import type { AuditActor, AuditContext } from "@/lib/model/audit-event";
import { appendAuditEvent, writeWithAuditEvent } from "@/lib/audit/record";
import type { Ctx } from "@/lib/model/actor";
import { retryDelayMs } from "./backoff";
import { assertOurs, confirmWorkspace, desiredProfile, STILL_DELETED, type DesiredWorkspace } from "./confirm";
import { reconcilerSettings } from "@/lib/config";
import { db, type Tx } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { Prisma } from "@/lib/db/generated/client";
import { applyProfile, type ClusterProfile } from "@/lib/kube/profiles";
import { AppliedLaterError } from "@/lib/model/errors";
import type { UnwantedKey } from "./profile-diff";
import { KubeApiError, toKubeApiError } from "@/lib/kube/errors";
import type { Hard } from "@/lib/quota/keys";
import type { ContainerDefaults } from "@/lib/tiers/container-defaults";
import { toGuardrails } from "@/lib/tiers/guardrails";
import { RECONCILED_STATUSES, WorkspaceStatus } from "@/lib/model/workspace-status";

export type ProvisionOutcome =
  | { status: "ACTIVE" | "SUSPENDED" | "DECOMMISSIONED"; auditId?: string }
  | { status: "PROVISIONING"; message: string; failure?: string; step?: string; nextAttemptAt: Date }
  | { status: "FAILED"; message: string; failure: string; auditId?: string }
  /** Someone else holds the row's lease, or there is nothing left to do. */
  | { status: "BUSY" };

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Attempter {
  actor: AuditActor | null;
  context: AuditContext;
}


/**
 * The approval's (or an admin operation's) immediate attempt, in the admin's name. It runs after the
 * decision was committed: a database outage now leaves the desired state saved for the reconciler,
 * and the person is told so rather than that nothing happened.
 */
export function provisionWorkspace(ctx: Ctx, workspaceId: string): Promise<ProvisionOutcome> {
  return savedForLater(attemptWorkspace({ actor: ctx.actor, context: ctx.meta }, workspaceId));
}

/** An attempt after the decision's commit: a database outage becomes "saved, applied later". */
async function savedForLater(attempt: Promise<ProvisionOutcome>): Promise<ProvisionOutcome> {
  try {
    return await attempt;
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw new AppliedLaterError();
    throw error;
  }
}

export async function attemptWorkspace(by: Attempter, workspaceId: string, now = new Date()): Promise<ProvisionOutcome> {
  // The read does not depend on the claim; only a successful claim makes it count.
  const [claimed, workspace] = await Promise.all([claim(workspaceId, now), loadDesired(workspaceId)]);
  if (!claimed) return { status: "BUSY" };
  const target = { type: "workspace", id: workspace.id, name: workspace.name };
  try {
    const result = await confirmWorkspace(workspace);
    if (result.state === "waiting") return await recordWaiting(by, workspace, result, now);
    // The expiry clock starts the first time the workspace is ready, not at approval.
    const expiresAt = firstExpiry(workspace, now);
    const confirmed = await db.$transaction(async (tx) => {
      const { count } = await tx.workspace.updateMany({
        where: { id: workspace.id, generation: workspace.generation, status: workspace.status },
        data: {
          appliedGeneration: workspace.generation,
          status: workspace.status === WorkspaceStatus.PROVISIONING ? WorkspaceStatus.ACTIVE : workspace.status,
          statusMessage: null,
          attempts: 0,
          nextAttemptAt: null,
          lastError: null,
          provisionStep: null,
          blocked: false,
          appliedAt: now,
          waitingSince: null,
          overdueAt: null,
          ...(expiresAt ? { expiresAt } : {}),
        },
      });
      if (count !== 1) return false;
      await recordRemovedKeys(tx, by, target, result.removed);
      // The approval applied this generation's Profile and audited that; the reconciler records
      // that the cluster made it ready (and when the expiry clock started).
      if (workspace.profileApplied) {
        await appendAuditEvent(tx, {
          action: "profile.confirmed",
          result: "success",
          actor: by.actor,
          context: by.context,
          target,
          after: { ...(result.applied as object), generation: workspace.generation, ...(expiresAt ? { expiresAt, expiryStarted: "first active" } : {}) },
          reason: confirmedReason(workspace),
        });
        return true;
      }
      await appendAuditEvent(tx, {
        action: workspace.status === WorkspaceStatus.DECOMMISSIONED ? "profile.deleted" : "profile.applied",
        result: "success",
        actor: by.actor,
        context: by.context,
        target,
        after: expiresAt ? { ...(result.applied as object), expiresAt, expiryStarted: "first active" } : result.applied,
        reason: confirmedReason(workspace),
        kubeAuditId: result.auditId,
      });
      return true;
    });
    if (!confirmed) {
      // The desired state changed while we applied, and our older apply may have landed after a
      // newer one: ask for the newest state once more, at once.
      await db.$executeRaw`
        UPDATE workspaces SET generation = generation + 1, next_attempt_at = NULL
        WHERE id = ${workspace.id}::uuid AND status::text = ANY(${RECONCILED_STATUSES as string[]})`;
      return { status: "BUSY" };
    }
    const status = workspace.status === WorkspaceStatus.PROVISIONING ? WorkspaceStatus.ACTIVE : workspace.status;
    return { status: status as "ACTIVE" | "SUSPENDED" | "DECOMMISSIONED", auditId: result.auditId };
  } catch (error) {
    // A database that went away is not the cluster's failure: the lease expires and a later attempt goes on.
    if (isDatabaseUnavailable(error)) throw error;
    return recordFailure(by, workspace, toKubeApiError(error), now);
  }
}

/** Takes the row for this attempt if it has unconfirmed desired state and nobody holds it. */
async function claim(id: string, now: Date): Promise<boolean> {
  // Time a process may hold a workspace before another one may try again.
  const lease = new Date(now.getTime() + reconcilerSettings().applyLeaseMs);
  const count = await db.$executeRaw`
    UPDATE workspaces SET next_attempt_at = ${lease}
    WHERE id = ${id}::uuid AND applied_generation < generation AND NOT blocked AND decided_by_id IS NOT NULL
      AND status::text = ANY(${RECONCILED_STATUSES as string[]})
      AND (next_attempt_at IS NULL OR next_attempt_at <= ${now})`;
  return count === 1;
}

/** What an attempt reads of a workspace. */
const DESIRED_SELECT = {
  id: true,
  name: true,
  status: true,
  ownerEmail: true,
  hard: true,
  generation: true,
  profileAppliedGeneration: true,
  attempts: true,
  provisionStep: true,
  expiresAt: true,
  waitingSince: true,
  overdueAt: true,
  tier: { select: { slug: true, containerDefaults: true, podSecurity: true, egressAllow: true, lifetimeDays: true } },
  decidedBy: { select: { email: true } },
  requester: { select: { email: true } },
} as const;

export type LeasedWorkspace = DesiredWorkspace & {
  attempts: number;
  /** The step the previous attempt waited on, if any. */
  lastStep: string | null;
  expiresAt: Date | null;
  lifetimeDays: number | null;
  waitingSince: Date | null;
  overdueAt: Date | null;
};

type DesiredRow = Prisma.WorkspaceGetPayload<{ select: typeof DESIRED_SELECT }>;

export function toDesired(row: DesiredRow): LeasedWorkspace {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    ownerEmail: row.ownerEmail,
    hard: row.hard as Hard,
    generation: row.generation,
    profileApplied: row.profileAppliedGeneration === row.generation,
    attempts: row.attempts,
    lastStep: row.provisionStep,
    expiresAt: row.expiresAt,
    lifetimeDays: row.tier.lifetimeDays,
    waitingSince: row.waitingSince,
    overdueAt: row.overdueAt,
    tierSlug: row.tier.slug,
    containerDefaults: (row.tier.containerDefaults as ContainerDefaults | null) ?? null,
    guardrails: toGuardrails(row.tier.podSecurity, row.tier.egressAllow),
    approvedBy: row.decidedBy?.email ?? row.requester.email,
  };
}

async function loadDesired(id: string): Promise<LeasedWorkspace> {
  return toDesired(await db.workspace.findUniqueOrThrow({ where: { id }, select: DESIRED_SELECT }));
}

/** The PostgreSQL channel on which the reconciler leader hears which workspace to look at now. */
export const RECONCILE_CHANNEL = "berth_reconcile";

/** The lease an approval takes with its transition (see applyApproved). */
export function approvalLease(now: Date): Date {
  return new Date(now.getTime() + reconcilerSettings().applyLeaseMs);
}

/**
 * The approval's fast path. Its write has already moved the row to PROVISIONING, returned the
 * desired state and taken the lease (lib/workspaces/request-approval.ts), so the Profile is applied
 * at once: no claim, no read of the row. Whether a Profile of that name is someone else's was read
 * alongside the decision (`existing`), so it costs no time before the apply; a Profile made between that
 * read and the apply is the same narrow race the read-then-apply always had. The apply's outcome
 * is audited here, in the approver's name with the API's Audit-ID; confirmation (namespace,
 * kf-resource-quota, guardrails) is the reconciler's, woken at once by name. A process killed
 * after the apply leaves the lease to expire and the reconciler to apply and confirm.
 */
export function applyApproved(
  by: Attempter,
  workspace: LeasedWorkspace,
  existing: Promise<ClusterProfile | null>,
  now = new Date(),
): Promise<ProvisionOutcome> {
  return savedForLater(applyApprovedNow(by, workspace, existing, now));
}

async function applyApprovedNow(by: Attempter, workspace: LeasedWorkspace, existing: Promise<ClusterProfile | null>, now: Date): Promise<ProvisionOutcome> {
  let auditId: string | undefined;
  const manifest = desiredProfile(workspace);
  try {
    assertOurs(workspace, await existing);
    ({ auditId } = await applyProfile(manifest));
  } catch (error) {
    return recordFailure(by, workspace, toKubeApiError(error), now);
  }
  const step = "Profile applied; waiting for the namespace";
  const event = {
    action: "profile.applied",
    result: "success",
    actor: by.actor,
    context: by.context,
    target: { type: "workspace", id: workspace.id, name: workspace.name },
    // What was applied; the namespace and its quota are the reconciler's to confirm.
    after: { owner: manifest.spec.owner, hard: manifest.spec.resourceQuotaSpec.hard, generation: workspace.generation, confirmed: false },
    kubeAuditId: auditId,
  } as const;
  // One statement, so atomic without a transaction: the lease is handed back, the outcome audited
  // and the reconciler (in whichever replica leads) woken by name, as the namespace's watch event
  // may have come before the release. Its commit does not wait for the disk: were the database to
  // crash in the next moment and lose it, that is the same as this process dying right after the
  // apply, which the lease already covers (the reconciler applies again and audits that). The
  // decision itself, committed before the apply, is durable.
  await writeWithAuditEvent(db, event, (insert) => Prisma.sql`
    WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true)),
    released AS (
      UPDATE workspaces SET provision_step = ${step}, next_attempt_at = NULL, profile_applied_generation = ${workspace.generation},
        waiting_since = COALESCE(waiting_since, ${now}), updated_at = now()
      WHERE id = ${workspace.id}::uuid AND generation = ${workspace.generation} RETURNING name),
    event AS (${insert})
    SELECT count(pg_notify(${RECONCILE_CHANNEL}, name))::int AS woken, (SELECT count(*) FROM relaxed)::int AS relaxed FROM released`);
  return { status: "PROVISIONING", message: step, step, nextAttemptAt: now };
}

/** Set on the first transition to ACTIVE of a tier with a lifetime; renewals move it later. */
function firstExpiry(workspace: LeasedWorkspace, now: Date): Date | null {
  if (workspace.status !== WorkspaceStatus.PROVISIONING || workspace.expiresAt || !workspace.lifetimeDays) return null;
  return new Date(now.getTime() + workspace.lifetimeDays * DAY_MS);
}

function confirmedReason(workspace: LeasedWorkspace): string | undefined {
  const parts: string[] = [];
  if (workspace.attempts > 0) parts.push(`succeeded after ${workspace.attempts} failed attempt(s)`);
  if (workspace.overdueAt) parts.push("the profile controller acted after the provisioning deadline");
  return parts.length ? parts.join("; ") : undefined;
}

/** Quota keys Berth removed from the Profile, with the field managers that had set them. */
async function recordRemovedKeys(tx: Tx, by: Attempter, target: { type: string; id: string; name: string }, removed: UnwantedKey[]): Promise<void> {
  if (removed.length === 0) return;
  await appendAuditEvent(tx, {
    action: "profile.quota_keys_removed",
    result: "success",
    actor: by.actor,
    context: by.context,
    target,
    before: { hard: Object.fromEntries(removed.map((r) => [r.key, r.value])) },
    after: { removed: removed.map((r) => ({ key: r.key, value: r.value, setBy: r.setBy })) },
    reason: `Removed ${removed.map((r) => `${r.key}=${r.value} (set by ${r.setBy.join(", ") || "an unknown field manager"})`).join("; ")}: not in the approved quota.`,
  });
}

async function recordWaiting(
  by: Attempter,
  workspace: LeasedWorkspace,
  result: { step: string; removed: UnwantedKey[] },
  now: Date,
): Promise<ProvisionOutcome> {
  // The profile controller works asynchronously: look again soon (a read, no re-apply), without counting a failure.
  const nextAttemptAt = new Date(now.getTime() + retryDelayMs(1, undefined));
  const target = { type: "workspace", id: workspace.id, name: workspace.name };
  const waitingSince = workspace.waitingSince ?? now;
  const overdue = workspace.overdueAt === null && now.getTime() - waitingSince.getTime() >= reconcilerSettings().provisionDeadlineMs;
  const step = workspace.overdueAt || overdue ? overdueStep(result.step, waitingSince) : result.step;
  // A namespace that was being deleted is gone now: nothing makes the profile controller look at the
  // unchanged Profile again, so the desired state is asserted anew (next generation, applied at once).
  const renew = (workspace.lastStep?.includes(STILL_DELETED) ?? false) && !result.step.includes(STILL_DELETED);
  await db.$transaction(async (tx) => {
    await tx.workspace.updateMany({
      where: { id: workspace.id, generation: workspace.generation },
      data: { provisionStep: step, nextAttemptAt: renew ? now : nextAttemptAt, waitingSince, ...(renew ? { generation: { increment: 1 } } : {}) },
    });
    await recordRemovedKeys(tx, by, target, result.removed);
    if (!overdue) return;
    // Conditional on the deadline not yet being recorded: audited once, however many passes see it.
    const { count } = await tx.workspace.updateMany({ where: { id: workspace.id, overdueAt: null }, data: { overdueAt: now } });
    if (count !== 1) return;
    await appendAuditEvent(tx, {
      action: "profile.controller_overdue",
      result: "failure",
      actor: by.actor,
      context: by.context,
      target,
      after: { step: result.step, waitingSince, deadlineMs: reconcilerSettings().provisionDeadlineMs },
      reason: `The profile controller has not acted within the provisioning deadline: ${result.step}.`,
    });
  });
  return { status: "PROVISIONING", message: step, step, nextAttemptAt };
}

/** The step as admins and owners read it once the deadline has passed. */
export function overdueStep(step: string, waitingSince: Date): string {
  return `The profile controller has not acted since ${waitingSince.toISOString()} (${step}). Berth keeps checking; check that the profile controller is running.`;
}

async function recordFailure(
  by: Attempter,
  workspace: LeasedWorkspace,
  failure: KubeApiError,
  now: Date,
): Promise<ProvisionOutcome> {
  const message = failureMessage(failure);
  const attempts = workspace.attempts + 1;
  const retry = failure.retryable;
  const nextAttemptAt = retry ? new Date(now.getTime() + retryDelayMs(attempts, failure.retryAfterSeconds)) : null;
  const failed = !retry && workspace.status === WorkspaceStatus.PROVISIONING;
  await db.$transaction(async (tx) => {
    await tx.workspace.updateMany({
      where: { id: workspace.id, generation: workspace.generation },
      data: {
        status: failed ? WorkspaceStatus.FAILED : undefined,
        statusMessage: retry ? `${message} Berth retries automatically.` : message,
        attempts,
        nextAttemptAt,
        lastError: failure.failure,
        blocked: !retry,
      },
    });
    await appendAuditEvent(tx, {
      action: "profile.apply_failed",
      result: "failure",
      actor: by.actor,
      context: by.context,
      target: { type: "workspace", id: workspace.id, name: workspace.name },
      reason: retry ? `${message} Attempt ${attempts}; next attempt at ${nextAttemptAt?.toISOString()}.` : message,
      errorCode: failure.failure,
      kubeAuditId: failure.auditId,
    });
  });
  if (retry && nextAttemptAt) return { status: "PROVISIONING", message, failure: failure.failure, nextAttemptAt };
  return { status: "FAILED", message, failure: failure.failure, auditId: failure.auditId };
}

// What admins read on the workspace: the API server's own words where it gave some
// (they name the field at fault), a plain explanation otherwise.
export function failureMessage(error: KubeApiError): string {
  switch (error.failure) {
    case "forbidden":
      return "Berth's service account is not allowed to write Profiles (403): a configuration error; check its ClusterRole, then re-apply.";
    case "unauthorized":
      return "The cluster did not accept Berth's credentials (401): check its service account token, then re-apply.";
    case "unreachable":
    case "timeout":
      return `${error.message} The cluster was not changed, or the outcome is unknown.`;
    case "throttled":
      return "The Kubernetes API asked Berth to slow down (429).";
    default:
      return error.message.slice(0, 500);
  }
}
