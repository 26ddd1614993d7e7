// The admin approval queue: pending requests with what a decision needs — the tier's
// quota and maximum next to the requested one, approvals so far, the requester's other
// workspaces — one page at a time, in a fixed number of queries whatever the queue's length
// and however many workspaces a requester holds. Plus renewals.
import "server-only";
import { z } from "zod";
import type { Ctx } from "@/lib/model/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { defineOperation, noInput } from "@/lib/operations/define-operation";
import type { Hard } from "@/lib/quota/keys";
import { tierSelect, toTierDetail, type TierDetail } from "@/lib/tiers/detail";
import { WorkspaceStatus } from "@/lib/model/workspace-status";
import { mayDecide, requirementOf, type Person } from "./governance";

// From the page's query string: a value that does not fit is dropped, not refused.
const queueFilterInput = z.strictObject({
  tier: z.string().max(64).optional().catch(undefined),
  requester: z.string().trim().max(200).optional().catch(undefined),
  name: z.string().trim().max(63).optional().catch(undefined),
  minAgeDays: z.coerce.number().int().min(0).max(365).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
export type QueueFilter = z.infer<typeof queueFilterInput>;

export interface QueueItem {
  id: string;
  name: string;
  reason: string;
  hard: Hard;
  customJustification: string | null;
  createdAt: Date;
  requesterEmail: string;
  requesterName: string | null;
  /** The viewing admin is the requester or the owner (same email or same issuer and subject). */
  requestedByMe: boolean;
  /** Approvals this request needs as it stands, and why (e.g. above the tier's maximum). */
  required: number;
  requiredWhy: string;
  tier: TierDetail;
  approvedBy: string[];
  approvedByMe: boolean;
  /** The newest few of the requester's other workspaces, and how many there are in all. */
  otherWorkspaces: { name: string; status: WorkspaceStatus }[];
  otherWorkspaceCount: number;
}

export interface QueuePage {
  items: QueueItem[];
  /** Pending requests matching the filter, on every page. */
  total: number;
  /** 1-based; a page past the end shows the last one (deciding its last request does not leave an empty page). */
  page: number;
  pageCount: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The queue shows the oldest requests first, this many a page: each request carries its quota,
 * capacity outlook and decision forms, so a page of 10 stays small (about 40 KB of HTML) where
 * a queue of 34 on one page was 455 KB.
 */
export const QUEUE_PAGE_SIZE = 10;
/** Other workspaces named per request; the rest are counted. */
export const OTHERS_SHOWN = 5;

export const listApprovalQueue = defineOperation({
  name: "queue.list",
  title: "viewing the approval queue",
  roles: ["admin"],
  input: queueFilterInput,
  audit: [],
  run: (ctx, filter, options: { now?: Date } | undefined) => listQueue(ctx, filter, options?.now ?? new Date()),
});

async function listQueue(ctx: Ctx, filter: QueueFilter, now: Date): Promise<QueuePage> {
  const where = {
    status: WorkspaceStatus.PENDING,
    ...(filter.tier ? { tier: { slug: filter.tier } } : {}),
    ...(filter.requester ? { requester: { email: { contains: filter.requester, mode: "insensitive" as const } } } : {}),
    ...(filter.name ? { name: { contains: filter.name, mode: "insensitive" as const } } : {}),
    ...(filter.minAgeDays ? { createdAt: { lte: new Date(now.getTime() - filter.minAgeDays * DAY_MS) } } : {}),
  };
  const total = await db.workspace.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const page = Math.min(filter.page ?? 1, pageCount);
  const items = await queueItems(ctx, where, (page - 1) * QUEUE_PAGE_SIZE);
  return { items, total, page, pageCount };
}

/** One pending request as the queue shows it, wherever it is in the queue (the banner after a first approval). */
export const getQueueItem = defineOperation({
  name: "queue.read-item",
  title: "viewing a pending request",
  roles: ["admin"],
  // From the query string after a redirect: anything but one UUID names no request.
  input: z.strictObject({ workspaceId: z.uuid().nullable().catch(null) }),
  audit: [],
  run: async (ctx, { workspaceId }): Promise<QueueItem | null> =>
    workspaceId ? ((await queueItems(ctx, { id: workspaceId, status: WorkspaceStatus.PENDING }, 0))[0] ?? null) : null,
});

async function queueItems(ctx: Ctx, where: Prisma.WorkspaceWhereInput, skip: number): Promise<QueueItem[]> {
  const rows = await db.workspace.findMany({
    where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip,
    take: QUEUE_PAGE_SIZE,
    select: {
      id: true,
      name: true,
      reason: true,
      hard: true,
      customJustification: true,
      createdAt: true,
      requesterId: true,
      ownerEmail: true,
      requester: { select: { email: true, name: true, issuer: true, subject: true } },
      tier: { select: tierSelect },
      approvals: { where: { purpose: "request", supersededAt: null }, select: { approverId: true, approver: { select: { email: true } } } },
    },
  });
  const others = await othersOf([...new Set(rows.map((row) => row.requesterId))]);
  return rows.map((row) => {
    const tier = toTierDetail(row.tier);
    const mine = others.get(row.requesterId);
    return {
      ...requirement(ctx, row, tier),
      id: row.id,
      name: row.name,
      reason: row.reason,
      hard: row.hard as Hard,
      customJustification: row.customJustification,
      createdAt: row.createdAt,
      requesterEmail: row.requester.email,
      requesterName: row.requester.name,
      tier,
      approvedBy: row.approvals.map((a) => a.approver.email),
      approvedByMe: row.approvals.some((a) => a.approverId === ctx.actor.userId),
      otherWorkspaces: mine?.shown ?? [],
      otherWorkspaceCount: mine?.count ?? 0,
    };
  });
}

type Others = { shown: { name: string; status: WorkspaceStatus }[]; count: number };

/** Per requester: the newest OTHERS_SHOWN of their decided workspaces and how many they have, in two queries. */
async function othersOf(requesterIds: string[]): Promise<Map<string, Others>> {
  const others = new Map<string, Others>(requesterIds.map((id) => [id, { shown: [], count: 0 }]));
  if (requesterIds.length === 0) return others;
  const [shown, counts] = await Promise.all([
    db.$queryRaw<{ requesterId: string; name: string; status: WorkspaceStatus }[]>`
      SELECT other.requester_id AS "requesterId", other.name, other.status
      FROM unnest(${requesterIds}::uuid[]) AS requester(id)
      CROSS JOIN LATERAL (
        SELECT requester_id, name, status, created_at FROM workspaces
        WHERE requester_id = requester.id AND status NOT IN ('PENDING', 'CANCELLED', 'REJECTED')
        ORDER BY created_at DESC
        LIMIT ${OTHERS_SHOWN}
      ) other
      ORDER BY other.created_at DESC`,
    db.workspace.groupBy({
      by: ["requesterId"],
      where: { requesterId: { in: requesterIds }, status: { notIn: [WorkspaceStatus.PENDING, WorkspaceStatus.CANCELLED, WorkspaceStatus.REJECTED] } },
      _count: { _all: true },
    }),
  ]);
  for (const row of shown) others.get(row.requesterId)?.shown.push({ name: row.name, status: row.status });
  for (const row of counts) {
    const entry = others.get(row.requesterId);
    if (entry) entry.count = row._count._all;
  }
  return others;
}

/** What the policy says of one pending request, for this admin (lib/workspaces/governance.ts). */
function requirement(ctx: Ctx, row: { hard: unknown; ownerEmail: string; requester: Person }, tier: TierDetail) {
  const change = { kind: "grant" as const, hard: row.hard as Hard };
  const need = requirementOf(change, tier);
  return {
    requestedByMe: !mayDecide(ctx.actor, { requester: row.requester, ownerEmail: row.ownerEmail }, change).ok,
    required: need.outcome === "approvals" ? need.required : 1,
    requiredWhy: need.outcome === "approvals" ? need.why : "",
  };
}

export interface RenewalItem {
  id: string;
  name: string;
  ownerEmail: string;
  expiresAt: Date | null;
  renewalReason: string | null;
  ownedByMe: boolean;
  approvedBy: string[];
}

export const listPendingRenewals = defineOperation({
  name: "renewal.list-pending",
  title: "viewing pending renewals",
  roles: ["admin"],
  input: noInput,
  audit: [],
  run: listRenewals,
});

async function listRenewals(ctx: Ctx): Promise<RenewalItem[]> {
  const rows = await db.workspace.findMany({
    where: { status: WorkspaceStatus.ACTIVE, renewalRequestedAt: { not: null } },
    orderBy: { renewalRequestedAt: "asc" },
    take: 200,
    select: {
      id: true,
      name: true,
      ownerEmail: true,
      expiresAt: true,
      renewalReason: true,
      renewalRequestedAt: true,
      requesterId: true,
      approvals: { select: { purpose: true, approver: { select: { email: true } } } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    ownerEmail: row.ownerEmail,
    expiresAt: row.expiresAt,
    renewalReason: row.renewalReason,
    ownedByMe: row.requesterId === ctx.actor.userId,
    approvedBy: row.approvals.filter((a) => a.purpose === `renewal:${row.renewalRequestedAt?.getTime()}`).map((a) => a.approver.email),
  }));
}

/** A workspace's name and end date after an admin completed its renewal (shown once after the redirect). */
export const getRenewalOutcome = defineOperation({
  name: "renewal.read-outcome",
  title: "viewing a renewal",
  roles: ["admin"],
  // From the query string after a redirect: anything but one UUID names no renewal.
  input: z.strictObject({ workspaceId: z.uuid().nullable().catch(null) }),
  audit: [],
  run: async (_ctx, { workspaceId }): Promise<{ name: string; expiresAt: Date | null } | null> =>
    workspaceId ? db.workspace.findUnique({ where: { id: workspaceId }, select: { name: true, expiresAt: true } }) : null,
});
