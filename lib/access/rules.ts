// Checks every access operation shares: who counts as the workspace's owner (emails case-folded),
// who may manage its contributors (the owner or an admin; anyone else is told "not found"), and
// the tier's policy on how long a grant may run.
import "server-only";
import { db } from "@/lib/db/client";
import type { Ctx } from "@/lib/model/actor";
import { NotFoundError, ValidationError } from "@/lib/model/errors";
import { hasRole } from "@/lib/model/roles";
import { WorkspaceStatus } from "@/lib/model/workspace-status";
import { foldEmail } from "@/lib/workspaces/governance";
import { GRANT_SELECT } from "./grant";

const DAY_MS = 24 * 60 * 60 * 1000;

export function isOwner(ctx: Ctx, ownerEmail: string): boolean {
  return foldEmail(ctx.actor.email) === foldEmail(ownerEmail);
}

export const isAdmin = (ctx: Ctx): boolean => hasRole(ctx.actor.roles, "admin");

export interface TierAccessPolicy {
  accessMaxDays: number | null;
  accessAdminApproval: boolean;
}

/** The end date a grant may have under its tier: in the future, and within the longest allowed. */
export function checkEndDate(policy: TierAccessPolicy, endsAt: Date | undefined, now: Date): Date | null {
  if (endsAt && endsAt.getTime() <= now.getTime()) throw new ValidationError("The end date must be in the future.", { endsAt: ["Pick a day after today."] });
  if (policy.accessMaxDays === null) return endsAt ?? null;
  const latest = new Date(now.getTime() + policy.accessMaxDays * DAY_MS);
  if (!endsAt) {
    throw new ValidationError(`This workspace's tier grants access for at most ${policy.accessMaxDays} days.`, {
      endsAt: [`Pick an end date within ${policy.accessMaxDays} days.`],
    });
  }
  if (endsAt.getTime() > latest.getTime() + DAY_MS) {
    throw new ValidationError(`This workspace's tier grants access for at most ${policy.accessMaxDays} days.`, {
      endsAt: [`Pick a day no later than ${latest.toISOString().slice(0, 10)}.`],
    });
  }
  return endsAt;
}

/** An approved workspace whose contributors the caller manages; anyone else's is "not found". */
export async function managedWorkspace(ctx: Ctx, workspaceId: string) {
  const workspace = await db.workspace.findUnique({
    where: { id: workspaceId },
    select: { id: true, name: true, status: true, ownerEmail: true, tier: { select: { accessMaxDays: true, accessAdminApproval: true } } },
  });
  if (!workspace || !(isOwner(ctx, workspace.ownerEmail) || isAdmin(ctx))) throw new NotFoundError();
  return workspace;
}

export async function grantForManager(ctx: Ctx, grantId: string) {
  const grant = await db.accessGrant.findUnique({ where: { id: grantId }, select: GRANT_SELECT });
  if (!grant || !(isOwner(ctx, grant.workspace.ownerEmail) || isAdmin(ctx))) throw new NotFoundError("Access request");
  return grant;
}

/** Contributors can only join a workspace the cluster holds. */
export function assertActive(status: WorkspaceStatus): void {
  if (status !== WorkspaceStatus.ACTIVE) throw new ValidationError("Access can only be given to an active workspace.");
}
