// Reads of workspaces, each scoped by the caller's identity and role before any filter is built.
import "server-only";
import { z } from "zod";
import type { Ctx } from "@/lib/model/actor";
import { portalSettings, workflowConfigFromEnv } from "@/lib/config";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/model/errors";
import { defineOperation, noInput } from "@/lib/operations/define-operation";
import type { Hard } from "@/lib/quota/keys";
import { WorkspaceStatus } from "@/lib/model/workspace-status";
import { renewalWindow, type RenewalWindow } from "./renewal-window";
import { knownWorkspaceId, workspaceInUrl } from "./schemas";
import { countRequestLimits, type RequestLimits } from "./request-policy";

export interface WorkspaceSummary {
  id: string;
  name: string;
  status: WorkspaceStatus;
  statusMessage: string | null;
  decisionNote: string | null;
  tierName: string;
  hard: Hard;
  createdAt: Date;
  expiresAt: Date | null;
}

const summarySelect = {
  id: true,
  name: true,
  status: true,
  statusMessage: true,
  decisionNote: true,
  hard: true,
  createdAt: true,
  expiresAt: true,
  tier: { select: { name: true } },
} as const;

type SummaryRow = {
  id: string;
  name: string;
  status: WorkspaceStatus;
  statusMessage: string | null;
  decisionNote: string | null;
  hard: unknown;
  createdAt: Date;
  expiresAt: Date | null;
  tier: { name: string };
};

function toSummary(row: SummaryRow): WorkspaceSummary {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    statusMessage: row.statusMessage,
    decisionNote: row.decisionNote,
    tierName: row.tier.name,
    hard: row.hard as Hard,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  };
}

/**
 * "My workspaces" shows this many a page, newest first. Its queries are index scans
 * ((requester_id, created_at DESC)); what cost time was rendering 50 rows at once (90 KB of HTML
 * for someone with many past requests), so the list is paged instead.
 */
export const MY_LIST_PAGE_SIZE = 20;

export interface MyWorkspacesPage {
  items: WorkspaceSummary[];
  total: number;
  /** 1-based; a page past the end shows the last one. */
  page: number;
  pageCount: number;
}

// From the query string: a page number that is not one is dropped, not refused.
const myListInput = z.strictObject({ page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined) });

export const listMyWorkspaces = defineOperation({
  name: "workspace.list-mine",
  title: "listing own workspaces",
  roles: ["requester"],
  input: myListInput,
  audit: [],
  run: listMine,
});

async function listMine(ctx: Ctx, input: z.infer<typeof myListInput>): Promise<MyWorkspacesPage> {
  const where = { requesterId: ctx.actor.userId };
  const total = await db.workspace.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / MY_LIST_PAGE_SIZE));
  const page = Math.min(input.page ?? 1, pageCount);
  const rows = await db.workspace.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * MY_LIST_PAGE_SIZE,
    take: MY_LIST_PAGE_SIZE,
    select: summarySelect,
  });
  return { items: rows.map(toSummary), total, page, pageCount };
}

/** One of the caller's own workspaces; anyone else's is "not found", not "forbidden". */
export interface MyWorkspace extends WorkspaceSummary {
  reason: string;
  provisionStep: string | null;
  customJustification: string | null;
  renewalRequestedAt: Date | null;
  /** Whether the owner may ask for a renewal now, and if not why (lib/workspaces/renewal-window.ts). */
  renewal: RenewalWindow | null;
  tierApprovals: number;
  /** The Kubeflow central dashboard opened on this namespace, when configured and the workspace is active. */
  kubeflowUrl: string | null;
}

/** `<dashboard>/?ns=<namespace>`: the central dashboard's own namespace selector. */
export function kubeflowUrlFor(dashboardUrl: string | undefined, namespace: string): string | null {
  return dashboardUrl ? `${dashboardUrl}/?ns=${encodeURIComponent(namespace)}` : null;
}

export const getMyWorkspace = defineOperation({
  name: "workspace.read-mine",
  title: "reading a workspace",
  roles: ["requester"],
  input: workspaceInUrl,
  audit: [],
  run: readMine,
});

async function readMine(ctx: Ctx, { workspaceId }: { workspaceId: string }): Promise<MyWorkspace> {
  const row = await db.workspace.findFirst({
    where: { id: knownWorkspaceId(workspaceId), requesterId: ctx.actor.userId },
    select: {
      ...summarySelect,
      reason: true,
      provisionStep: true,
      customJustification: true,
      renewalRequestedAt: true,
      lastRenewedAt: true,
      tier: { select: { name: true, approvalsRequired: true } },
    },
  });
  if (!row) throw new NotFoundError();
  return {
    ...toSummary(row),
    reason: row.reason,
    provisionStep: row.provisionStep,
    customJustification: row.customJustification,
    renewalRequestedAt: row.renewalRequestedAt,
    renewal: row.expiresAt ? renewalWindow(row.expiresAt, row.lastRenewedAt, workflowConfigFromEnv().expiryNoticeDays, new Date()) : null,
    tierApprovals: row.tier.approvalsRequired,
    kubeflowUrl: row.status === WorkspaceStatus.ACTIVE ? kubeflowUrlFor(portalSettings().kubeflowDashboardUrl, row.name) : null,
  };
}

/** Recently decided requests and failed provisioning, for the admin's overview. */
export const listRecentDecisions = defineOperation({
  name: "workspace.list-decided",
  title: "viewing recent decisions",
  roles: ["admin"],
  input: noInput,
  audit: [],
  run: listDecided,
});

async function listDecided(): Promise<(WorkspaceSummary & { requesterEmail: string })[]> {
  const rows = await db.workspace.findMany({
    where: { status: { not: WorkspaceStatus.PENDING } },
    orderBy: { updatedAt: "desc" },
    take: 50,
    select: { ...summarySelect, requester: { select: { email: true } } },
  });
  return rows.map((row) => ({ ...toSummary(row), requesterEmail: row.requester.email }));
}

/** Where the caller stands against the per-user request limits, shown before the form is filled. */
export const getMyRequestLimits = defineOperation({
  name: "workspace.limits-mine",
  title: "reading own request limits",
  roles: ["requester"],
  input: noInput,
  audit: [],
  run: (ctx: Ctx): Promise<RequestLimits> => countRequestLimits(db, ctx.actor.userId, workflowConfigFromEnv(), new Date()),
});
