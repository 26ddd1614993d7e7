// The rules a new request must pass besides its shape: the name prefix, look-alikes,
// per-user limits and the submission rate, and what a "custom" quota may ask for.
import "server-only";
import type { Ctx } from "@/lib/model/actor";
import type { WorkflowConfig } from "@/lib/config";
import { db, type Tx } from "@/lib/db/client";
import { LimitError, ValidationError } from "@/lib/model/errors";
import { labelOf, quantityValue, QUOTA_PREFIX, readQuotaFields } from "@/lib/quota/fields";
import type { Hard } from "@/lib/quota/keys";
import { nameSkeleton } from "./look-alike";
import { ACTIVE_STATUSES, WorkspaceStatus } from "@/lib/model/workspace-status";
import { NAME_HOLDING } from "./name-holding";

const invalid = (field: string, message: string) => new ValidationError("Please correct the highlighted fields.", { [field]: [message] });

export function assertNamePrefix(name: string, prefix: string): void {
  if (prefix && !name.startsWith(prefix)) throw invalid("name", `Workspace names must start with "${prefix}" here.`);
}

/** Refuses a name that folds to the same skeleton as another workspace's (see look-alike.ts). */
export async function assertNoLookAlike(name: string): Promise<void> {
  const similar = await db.workspace.findFirst({
    where: { nameSkeleton: nameSkeleton(name), name: { not: name }, ...NAME_HOLDING },
    select: { name: true },
  });
  if (similar) {
    throw invalid("name", `"${name}" looks too much like the existing workspace "${similar.name}"; choose a clearly different name.`);
  }
}

export interface RequestedQuota {
  hard: Hard;
  custom: boolean;
}

/** The tier's quota with the requester's changes; only keys the tier has may change (no GPUs on a CPU tier). */
export function requestedQuota(fields: Record<string, unknown>, tierHard: Hard, justification: string | undefined): RequestedQuota {
  const { hard: asked, errors } = readQuotaFields(fields, QUOTA_PREFIX);
  for (const key of Object.keys(asked)) {
    if (tierHard[key] === undefined) errors[`${QUOTA_PREFIX}${key}`] = [`${labelOf(key)}: this tier has none; choose a tier that offers it.`];
  }
  if (Object.keys(errors).length > 0) throw new ValidationError("Please correct the highlighted fields.", errors);
  const hard = { ...tierHard, ...asked };
  const custom = Object.entries(asked).some(([key, value]) => quantityValue(value) !== quantityValue(tierHard[key] ?? "0"));
  if (custom && !justification) throw invalid("justification", "Explain why you need a different quota than the tier's.");
  return { hard: custom ? hard : tierHard, custom };
}

/**
 * Per-user limits, counted inside the request's transaction under a per-user advisory lock,
 * so concurrent submissions by one person are counted one after another (THREATS 23).
 */
export async function assertWithinLimits(tx: Tx, ctx: Ctx, config: WorkflowConfig, now: Date): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('berth:requests'), hashtext(${ctx.actor.userId}))`;
  const requesterId = ctx.actor.userId;
  const open = await tx.workspace.count({ where: { requesterId, status: WorkspaceStatus.PENDING } });
  if (open >= config.maxOpenRequests) {
    throw new LimitError(
      `You already have ${open} open requests, the most allowed (${config.maxOpenRequests}). Cancel one or wait for a decision.`,
      "open_requests",
    );
  }
  const active = await tx.workspace.count({ where: { requesterId, status: { in: ACTIVE_STATUSES } } });
  if (active >= config.maxActiveWorkspaces) {
    throw new LimitError(
      `You already have ${active} workspaces, the most allowed per person (${config.maxActiveWorkspaces}).`,
      "active_workspaces",
    );
  }
  const hourAgo = new Date(now.getTime() - 60 * 60 * 1000);
  const recent = await tx.workspace.count({ where: { requesterId, createdAt: { gt: hourAgo } } });
  if (recent >= config.requestRateLimit) {
    throw new LimitError(
      `Too many requests: at most ${config.requestRateLimit} per hour. Please try again later.`,
      "rate",
    );
  }
}
