// Makes the cluster hold what one grant says: while ACTIVE, its RoleBinding and AuthorizationPolicy
// (server-side apply, then read back to confirm); once revoked or expired, neither. The state is
// committed before any cluster call, a short lease keeps two processes off the same grant, and a
// failure is retried with the Profiles' backoff until the cluster confirms. Every call is idempotent.
import "server-only";
import { accessSettings, reconcilerSettings } from "@/lib/config";
import { appendAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import {
  applyAuthorizationPolicy,
  buildAuthorizationPolicy,
  deleteAuthorizationPolicy,
  getAuthorizationPolicy,
} from "@/lib/kube/authorization-policies";
import { KubeApiError, toKubeApiError } from "@/lib/kube/errors";
import { applyRoleBinding, buildRoleBinding, deleteRoleBinding, getRoleBinding, type ContributorIntent } from "@/lib/kube/role-bindings";
import type { Ctx } from "@/lib/model/actor";
import { failureMessage, type Attempter } from "@/lib/reconcile/provision";
import { retryDelayMs } from "@/lib/reconcile/backoff";
import { grantTarget, snapshotOf, type GrantState } from "./grant";

/** States whose cluster side Berth keeps: present while ACTIVE, absent after it ended. */
export const SYNCED_STATES: GrantState[] = ["ACTIVE", "REVOKED", "EXPIRED"];

export type SyncOutcome =
  | { status: "applied" | "removed"; auditId?: string }
  | { status: "retrying"; message: string; nextAttemptAt: Date }
  | { status: "busy" };

export function syncGrantNow(ctx: Ctx, grantId: string): Promise<SyncOutcome> {
  return syncGrant({ actor: ctx.actor, context: ctx.meta }, grantId);
}

export async function syncGrant(by: Attempter, grantId: string, now = new Date()): Promise<SyncOutcome> {
  if (!(await claim(grantId, now))) return { status: "busy" };
  const grant = await db.accessGrant.findUniqueOrThrow({
    where: { id: grantId },
    select: {
      id: true,
      workspaceId: true,
      subjectKind: true,
      subject: true,
      role: true,
      state: true,
      endsAt: true,
      version: true,
      attempts: true,
      objectName: true,
      workspace: { select: { name: true } },
      decidedBy: { select: { email: true } },
    },
  });
  const intent: ContributorIntent = {
    namespace: grant.workspace.name,
    subject: { kind: grant.subjectKind as "User" | "Group", name: grant.subject },
    role: grant.role as "edit" | "view",
    grantId: grant.id,
  };
  const present = grant.state === "ACTIVE";
  try {
    const auditId = present ? await applyAndConfirm(intent) : await removeAndConfirm(intent.namespace, grant.objectName);
    const done = await db.$transaction(async (tx) => {
      const { count } = await tx.accessGrant.updateMany({
        where: { id: grant.id, version: grant.version },
        data: { synced: true, attempts: 0, nextAttemptAt: null, lastError: null },
      });
      if (count !== 1) return false;
      await appendAuditEvent(tx, {
        action: present ? "access.applied" : "access.removed",
        result: "success",
        actor: by.actor,
        context: by.context,
        target: grantTarget(grant),
        after: { ...snapshotOf(grant), objects: { roleBinding: grant.objectName, authorizationPolicy: grant.objectName } },
        reason: grant.attempts > 0 ? `succeeded after ${grant.attempts} failed attempt(s)` : undefined,
        kubeAuditId: auditId,
      });
      return true;
    });
    // The grant changed while we wrote: the newer state is synced by the next attempt, at once.
    if (!done) {
      await db.accessGrant.updateMany({ where: { id: grant.id }, data: { nextAttemptAt: null } });
      return { status: "busy" };
    }
    return { status: present ? "applied" : "removed", auditId };
  } catch (error) {
    return recordFailure(by, grant, toKubeApiError(error), now);
  }
}

async function claim(id: string, now: Date): Promise<boolean> {
  const lease = new Date(now.getTime() + reconcilerSettings().applyLeaseMs);
  const count = await db.$executeRaw`
    UPDATE access_grants SET next_attempt_at = ${lease}
    WHERE id = ${id}::uuid AND NOT synced AND state = ANY(${SYNCED_STATES as string[]})
      AND (next_attempt_at IS NULL OR next_attempt_at <= ${now})`;
  return count === 1;
}

/** Applies both objects, then reads them back: only what the API server returns counts as done. */
async function applyAndConfirm(intent: ContributorIntent): Promise<string | undefined> {
  const binding = buildRoleBinding(intent);
  const policy = buildAuthorizationPolicy(intent, accessSettings());
  const { auditId } = await applyRoleBinding(binding);
  await applyAuthorizationPolicy(policy);
  const [foundBinding, foundPolicy] = await Promise.all([
    getRoleBinding(intent.namespace, binding.metadata.name),
    getAuthorizationPolicy(intent.namespace, policy.metadata.name),
  ]);
  const subject = foundBinding?.subjects?.[0];
  if (!foundBinding || foundBinding.roleRef.name !== binding.roleRef.name || subject?.name !== intent.subject.name || subject.kind !== intent.subject.kind) {
    throw new KubeApiError("conflict", `The RoleBinding ${binding.metadata.name} does not hold what Berth applied.`);
  }
  if (!foundPolicy) throw new KubeApiError("conflict", `The AuthorizationPolicy ${policy.metadata.name} is not in the namespace after applying it.`);
  return auditId;
}

async function removeAndConfirm(namespace: string, name: string): Promise<string | undefined> {
  const { auditId } = await deleteRoleBinding(namespace, name);
  await deleteAuthorizationPolicy(namespace, name);
  const [binding, policy] = await Promise.all([getRoleBinding(namespace, name), getAuthorizationPolicy(namespace, name)]);
  if (binding || policy) throw new KubeApiError("conflict", `The contributor objects ${name} are still in the namespace after deleting them.`);
  return auditId;
}

async function recordFailure(
  by: Attempter,
  grant: Parameters<typeof snapshotOf>[0] & { id: string; attempts: number },
  failure: KubeApiError,
  now: Date,
): Promise<SyncOutcome> {
  const message = failureMessage(failure);
  const attempts = grant.attempts + 1;
  // A failure retrying cannot fix still comes back, at the backoff's cap, so a fixed ClusterRole heals it.
  const delay = failure.retryable ? retryDelayMs(attempts, failure.retryAfterSeconds) : reconcilerSettings().retryCapMs;
  const nextAttemptAt = new Date(now.getTime() + delay);
  await db.$transaction(async (tx) => {
    await tx.accessGrant.updateMany({ where: { id: grant.id }, data: { attempts, nextAttemptAt, lastError: failure.failure } });
    await appendAuditEvent(tx, {
      action: "access.apply_failed",
      result: "failure",
      actor: by.actor,
      context: by.context,
      target: grantTarget(grant),
      reason: `${message} Attempt ${attempts}; next attempt at ${nextAttemptAt.toISOString()}.`,
      errorCode: failure.failure,
      kubeAuditId: failure.auditId,
    });
  });
  return { status: "retrying", message, nextAttemptAt };
}

/** Grants whose cluster side is due for another attempt (the reconciler's list). */
export async function dueGrants(now: Date, limit = 50): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM access_grants
    WHERE NOT synced AND state = ANY(${SYNCED_STATES as string[]})
      AND (next_attempt_at IS NULL OR next_attempt_at <= ${now})
    ORDER BY next_attempt_at NULLS FIRST
    LIMIT ${limit}`;
  return rows.map((row) => row.id);
}
