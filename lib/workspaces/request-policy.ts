// The rules a new request must pass besides its shape: the name prefix (look-alikes: name-free.ts),
// per-user limits and the submission rate, and what a "custom" quota may ask for.
import "server-only";
import type { Ctx } from "@/lib/model/actor";
import type { WorkflowConfig } from "@/lib/config";
import type { Tx } from "@/lib/db/client";
import { LimitError, ValidationError } from "@/lib/model/errors";
import { labelOf, quantityValue, QUOTA_PREFIX, readQuotaFields } from "@/lib/quota/fields";
import type { Hard } from "@/lib/quota/keys";
import { ACTIVE_STATUSES, WorkspaceStatus } from "@/lib/model/workspace-status";

const invalid = (field: string, message: string) => new ValidationError("Please correct the highlighted fields.", { [field]: [message] });

export function assertNamePrefix(name: string, prefix: string): void {
  if (prefix && !name.startsWith(prefix)) throw invalid("name", `Workspace names must start with "${prefix}" here.`);
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

export interface RequestLimits {
  openRequests: number;
  maxOpenRequests: number;
  workspaces: number;
  maxWorkspaces: number;
  lastHour: number;
  maxPerHour: number;
}

type Counter = Pick<Tx, "workspace">;

/** Where one person stands against each per-user limit: the form shows it, the request enforces it. */
export async function countRequestLimits(db: Counter, requesterId: string, config: WorkflowConfig, now: Date): Promise<RequestLimits> {
  const hourAgo = new Date(now.getTime() - 60 * 60 * 1000);
  const [openRequests, workspaces, lastHour] = await Promise.all([
    db.workspace.count({ where: { requesterId, status: WorkspaceStatus.PENDING } }),
    db.workspace.count({ where: { requesterId, status: { in: ACTIVE_STATUSES } } }),
    db.workspace.count({ where: { requesterId, createdAt: { gt: hourAgo } } }),
  ]);
  return {
    openRequests,
    maxOpenRequests: config.maxOpenRequests,
    workspaces,
    maxWorkspaces: config.maxActiveWorkspaces,
    lastHour,
    maxPerHour: config.requestRateLimit,
  };
}

/** The refusal a new request would meet now, or null when every limit leaves room. */
export function limitRefusal(limits: RequestLimits): LimitError | null {
  if (limits.openRequests >= limits.maxOpenRequests) {
    return new LimitError(
      `You already have ${limits.openRequests} open requests, the most allowed (${limits.maxOpenRequests}). Cancel one or wait for a decision.`,
      "open_requests",
    );
  }
  if (limits.workspaces >= limits.maxWorkspaces) {
    return new LimitError(`You already have ${limits.workspaces} workspaces, the most allowed per person (${limits.maxWorkspaces}).`, "active_workspaces");
  }
  if (limits.lastHour >= limits.maxPerHour) {
    return new LimitError(`Too many requests: at most ${limits.maxPerHour} per hour. Please try again later.`, "rate");
  }
  return null;
}

/**
 * Per-user limits, counted inside the request's transaction under a per-user advisory lock,
 * so concurrent submissions by one person are counted one after another (THREATS 23).
 */
export async function assertWithinLimits(tx: Tx, ctx: Ctx, config: WorkflowConfig, now: Date): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('berth:requests'), hashtext(${ctx.actor.userId}))`;
  const refusal = limitRefusal(await countRequestLimits(tx, ctx.actor.userId, config, now));
  if (refusal) throw refusal;
}
