// What admins and owners read about the cluster side: the Cluster page's overview (the
// reconciler's last scan, one database read, no call to the cluster, on whichever replica serves
// the page) and one workspace's quota usage.
import "server-only";
import type { Ctx } from "@/lib/model/actor";
import { workspaceTarget } from "@/lib/model/audit-event";
import { hasRole } from "@/lib/model/roles";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/model/errors";
import { defineOperation, noInput } from "@/lib/operations/define-operation";
import { getQuota, type ClusterQuota } from "@/lib/kube/resource-quotas";
import type { Hard } from "@/lib/quota/keys";
import { WorkspaceStatus, isHeld } from "@/lib/model/workspace-status";
import { knownWorkspaceId, workspaceInUrl } from "@/lib/workspaces/schemas";
import { effectiveHard } from "@/lib/reconcile/confirm";
import { readLastScan } from "./last-scan";
import type { DriftedWorkspace } from "./scan";
import type { UnmanagedProfile } from "./drift";

export interface ClusterProblem {
  failure: string;
  message: string;
  /** 401/403: fixing needs a change to Berth's configuration or RBAC, not patience. */
  configuration: boolean;
}

export interface ClusterOverview {
  drifted: DriftedWorkspace[];
  unmanaged: UnmanagedProfile[];
  problem?: ClusterProblem;
  /** Workspaces whose last cluster call was refused for lack of rights or credentials. */
  blockedByConfiguration: { id: string; name: string; message: string | null }[];
  /** Workspaces the profile controller has not acted on within the provisioning deadline. */
  overdue: OverdueWorkspace[];
  /** When the reconciler last looked at the cluster (null: never yet), and how. */
  observedAt: Date | null;
  source: "watch" | "list" | null;
}

export interface OverdueWorkspace {
  id: string;
  name: string;
  step: string | null;
  since: Date | null;
}

/** Overdue applies still waiting (the banner's list): database only, a few rows by the index. */
export async function overdueWorkspaces(): Promise<OverdueWorkspace[]> {
  const rows = await db.workspace.findMany({
    where: { overdueAt: { not: null } },
    select: { id: true, name: true, provisionStep: true, waitingSince: true },
    orderBy: { overdueAt: "asc" },
    take: 50,
  });
  return rows.map((w) => ({ id: w.id, name: w.name, step: w.provisionStep, since: w.waitingSince }));
}

const CONFIG_FAILURES = ["forbidden", "unauthorized"];
/** Only these mean the API server itself did not answer. */
const UNREACHABLE_FAILURES = ["unreachable", "timeout"];

export const getClusterOverview = defineOperation({
  name: "cluster.read-overview",
  title: "viewing the cluster overview",
  roles: ["admin"],
  input: noInput,
  audit: [],
  run: readOverview,
});

// The page reads the reconciler's last scan rather than listing the cluster itself: listing per
// view cost three full LISTs each time (and grows with the cluster), and a replica that does not
// reconcile keeps no informers. With watches the scan is seconds old; the page says how old.
async function readOverview(): Promise<ClusterOverview> {
  const [blockedByConfiguration, last, overdue] = await Promise.all([
    db.workspace.findMany({
      where: { blocked: true, lastError: { in: CONFIG_FAILURES } },
      select: { id: true, name: true, statusMessage: true },
      take: 50,
    }),
    readLastScan(),
    overdueWorkspaces(),
  ]);
  const blocked = blockedByConfiguration.map((w) => ({ id: w.id, name: w.name, message: w.statusMessage }));
  if (!last) return { drifted: [], unmanaged: [], blockedByConfiguration: blocked, overdue, observedAt: null, source: null };
  const seen = { observedAt: last.observedAt, source: last.source };
  if (last.error) {
    const { failure } = last.error;
    const configuration = CONFIG_FAILURES.includes(failure);
    const message = configuration
      ? `Berth may not read Profiles, namespaces or resource quotas (${failure}): check its ClusterRole and token.`
      : UNREACHABLE_FAILURES.includes(failure)
        ? "The Kubernetes API could not be reached; what the cluster holds is unknown right now."
        : // It answered: say what it answered rather than claim it is down.
          `The Kubernetes API answered, but Berth could not read what the cluster holds: ${last.error.message}`;
    return { drifted: [], unmanaged: [], blockedByConfiguration: blocked, overdue, problem: { failure, message, configuration }, ...seen };
  }
  return { drifted: last.drifted, unmanaged: last.unmanaged, blockedByConfiguration: blocked, overdue, ...seen };
}

export interface AdminWorkspaceRow {
  id: string;
  name: string;
  status: WorkspaceStatus;
  ownerEmail: string;
  tierName: string;
  provisionStep: string | null;
  statusMessage: string | null;
  drift: string | null;
}

/** Every approved workspace for admins: database only, no cluster call per row. */
export const listApprovedWorkspaces = defineOperation({
  name: "workspace.list-approved",
  title: "listing workspaces",
  roles: ["admin"],
  input: noInput,
  audit: [],
  run: listApproved,
});

async function listApproved(): Promise<AdminWorkspaceRow[]> {
  const rows = await db.workspace.findMany({
    where: { status: { notIn: [WorkspaceStatus.PENDING, WorkspaceStatus.REJECTED, WorkspaceStatus.CANCELLED] } },
    orderBy: { name: "asc" },
    take: 500,
    select: { id: true, name: true, status: true, ownerEmail: true, provisionStep: true, statusMessage: true, drift: true, tier: { select: { name: true } } },
  });
  return rows.map(({ tier, ...row }) => ({ ...row, tierName: tier.name }));
}

export interface WorkspaceClusterView {
  id: string;
  name: string;
  status: WorkspaceStatus;
  version: number;
  ownerEmail: string;
  tierName: string;
  hard: Hard;
  /** The quota the cluster should enforce now (the zero-pod one while suspended or expired). */
  effectiveHard: Hard;
  provisionStep: string | null;
  statusMessage: string | null;
  nextAttemptAt: Date | null;
  attempts: number;
  drift: string | null;
  /** The cluster has not confirmed the latest desired state yet. */
  pending: boolean;
  blocked: boolean;
}

/** One approved workspace for admins. */
export const getWorkspaceForAdmin = defineOperation({
  name: "workspace.read",
  title: "reading a workspace",
  roles: ["admin"],
  input: workspaceInUrl,
  audit: [],
  target: workspaceTarget,
  run: readForAdmin,
});

async function readForAdmin(_ctx: Ctx, { workspaceId }: { workspaceId: string }): Promise<WorkspaceClusterView> {
  const row = await db.workspace.findUnique({
    where: { id: knownWorkspaceId(workspaceId) },
    select: {
      id: true, name: true, status: true, version: true, ownerEmail: true, hard: true, provisionStep: true,
      statusMessage: true, nextAttemptAt: true, attempts: true, drift: true, tier: { select: { name: true } },
      generation: true, appliedGeneration: true, blocked: true,
    },
  });
  if (!row) throw new NotFoundError();
  const { tier, generation, appliedGeneration, ...rest } = row;
  const hard = row.hard as Hard;
  return { ...rest, hard, effectiveHard: effectiveHard({ status: row.status, hard }), tierName: tier.name, pending: appliedGeneration < generation };
}

export type UsageView = { state: "known"; quota: ClusterQuota } | { state: "missing" } | { state: "unreachable" };

/** The workspace's kf-resource-quota as the cluster reports it: its owner or an admin may read it. */
export const getWorkspaceUsage = defineOperation({
  name: "workspace.read-usage",
  title: "reading quota usage",
  roles: ["requester"],
  input: workspaceInUrl,
  audit: [],
  run: readUsage,
});

async function readUsage(ctx: Ctx, { workspaceId }: { workspaceId: string }): Promise<UsageView> {
  const id = knownWorkspaceId(workspaceId);
  const admin = hasRole(ctx.actor.roles, "admin");
  const row = await db.workspace.findFirst({
    where: admin ? { id } : { id, requesterId: ctx.actor.userId },
    select: { name: true, status: true },
  });
  if (!row) throw new NotFoundError();
  if (row.status !== WorkspaceStatus.ACTIVE && !isHeld(row.status)) return { state: "missing" };
  try {
    const quota = await getQuota(row.name);
    return quota ? { state: "known", quota } : { state: "missing" };
  } catch {
    // Reads for display degrade visibly; they never pretend.
    return { state: "unreachable" };
  }
}
