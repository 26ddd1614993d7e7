// Usage over time: each reconciler pass that lists the cluster's kf-resource-quotas keeps one
// sample of `status.used` per workspace per interval, in a ring of a fixed number of slots per
// workspace (slot = interval number mod slots), so retention is bounded by construction and a
// sample is never deleted, only overwritten by a later one. The workspace pages draw it.
import "server-only";
import { portalSettings, type PortalSettings } from "@/lib/config";
import { db } from "@/lib/db/client";
import type { ClusterSnapshot } from "@/lib/kube/snapshot";
import type { Ctx } from "@/lib/model/actor";
import { NotFoundError } from "@/lib/model/errors";
import { hasRole } from "@/lib/model/roles";
import { WorkspaceStatus } from "@/lib/model/workspace-status";
import { defineOperation } from "@/lib/operations/define-operation";
import type { Hard } from "@/lib/quota/keys";
import { knownWorkspaceId, workspaceInUrl } from "@/lib/workspaces/schemas";

type SamplingSettings = Pick<PortalSettings, "usageSampleMinutes" | "usageSamplesKept">;

const SAMPLED_STATUSES = [WorkspaceStatus.ACTIVE, WorkspaceStatus.SUSPENDED, WorkspaceStatus.EXPIRED];

/** The interval a time falls in, and its slot in the ring. */
export function sampleSlot(now: Date, settings: SamplingSettings): { bucket: number; slot: number } {
  const bucket = Math.floor(now.getTime() / (settings.usageSampleMinutes * 60_000));
  return { bucket, slot: bucket % settings.usageSamplesKept };
}

/** Records one sample per workspace in the cluster for the current interval; returns how many were written. */
export async function recordUsageSamples(snapshot: ClusterSnapshot, now = new Date(), settings: SamplingSettings = portalSettings()): Promise<number> {
  const rows = await db.workspace.findMany({
    where: { status: { in: SAMPLED_STATUSES }, decidedById: { not: null } },
    select: { id: true, name: true },
  });
  const items = rows.flatMap((row) => {
    const quota = snapshot.quotas.get(row.name);
    return quota ? [{ id: row.id, used: quota.used, hard: quota.hard }] : [];
  });
  if (items.length === 0) return 0;
  const { bucket, slot } = sampleSlot(now, settings);
  // The first sample of an interval wins; a slot is taken over only by a later interval's sample.
  return db.$executeRaw`
    INSERT INTO workspace_usage_samples (workspace_id, slot, bucket, sampled_at, used, hard)
    SELECT (x->>'id')::uuid, ${slot}, ${bucket}, ${now}, x->'used', x->'hard'
    FROM jsonb_array_elements(${JSON.stringify(items)}::jsonb) AS x
    ON CONFLICT (workspace_id, slot) DO UPDATE
      SET bucket = EXCLUDED.bucket, sampled_at = EXCLUDED.sampled_at, used = EXCLUDED.used, hard = EXCLUDED.hard
      WHERE workspace_usage_samples.bucket < EXCLUDED.bucket`;
}

export interface UsageHistory {
  from: Date;
  to: Date;
  samples: { at: Date; used: Record<string, string>; hard: Hard }[];
}

/** The samples still inside the retention window, oldest first: for the workspace's owner and admins. */
export const getUsageHistory = defineOperation({
  name: "workspace.read-usage-history",
  title: "reading usage over time",
  roles: ["requester"],
  input: workspaceInUrl,
  audit: [],
  run: (ctx, input, options: { now?: Date; settings?: SamplingSettings } | undefined) => readHistory(ctx, input.workspaceId, options?.now ?? new Date(), options?.settings ?? portalSettings()),
});

async function readHistory(ctx: Ctx, workspaceId: string, now: Date, settings: SamplingSettings): Promise<UsageHistory> {
  const id = knownWorkspaceId(workspaceId);
  const owned = await db.workspace.findFirst({
    where: hasRole(ctx.actor.roles, "admin") ? { id } : { id, requesterId: ctx.actor.userId },
    select: { id: true },
  });
  if (!owned) throw new NotFoundError();
  const from = new Date(now.getTime() - settings.usageSampleMinutes * settings.usageSamplesKept * 60_000);
  const rows = await db.workspaceUsageSample.findMany({
    where: { workspaceId: owned.id, sampledAt: { gt: from } },
    orderBy: { sampledAt: "asc" },
    select: { sampledAt: true, used: true, hard: true },
  });
  return { from, to: now, samples: rows.map((r) => ({ at: r.sampledAt, used: r.used as Record<string, string>, hard: r.hard as Hard })) };
}
