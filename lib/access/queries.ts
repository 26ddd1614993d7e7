// Reads for contributors: the directory of listed workspaces, one workspace's entry (for the
// request form), the requests waiting on the caller's workspaces, a workspace's contributors
// (owner or admin), and the caller's own grants. Each is scoped by the caller before any filter.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Ctx } from "@/lib/model/actor";
import { NotFoundError } from "@/lib/model/errors";
import { WorkspaceStatus } from "@/lib/model/workspace-status";
import { defineOperation, noInput } from "@/lib/operations/define-operation";
import { foldEmail } from "@/lib/workspaces/governance";
import { OPEN_REQUEST_STATES } from "./grant";
import { isAdmin, isOwner, managedWorkspace } from "./rules";

const DIRECTORY_LIMIT = 500;

export interface DirectoryEntry {
  id: string;
  name: string;
  owner: string;
  tier: string;
  description: string | null;
  accessMaxDays: number | null;
  adminApproval: boolean;
}

const entrySelect = {
  id: true,
  name: true,
  ownerEmail: true,
  description: true,
  tier: { select: { name: true, accessMaxDays: true, accessAdminApproval: true } },
} as const;

function toEntry(row: { id: string; name: string; ownerEmail: string; description: string | null; tier: { name: string; accessMaxDays: number | null; accessAdminApproval: boolean } }): DirectoryEntry {
  return {
    id: row.id,
    name: row.name,
    owner: row.ownerEmail,
    tier: row.tier.name,
    description: row.description,
    accessMaxDays: row.tier.accessMaxDays,
    adminApproval: row.tier.accessAdminApproval,
  };
}

export const listDirectory = defineOperation({
  name: "access.directory",
  title: "browsing the workspace directory",
  roles: ["requester"],
  input: noInput,
  audit: [],
  run: async (): Promise<DirectoryEntry[]> => {
    const rows = await db.workspace.findMany({
      where: { status: WorkspaceStatus.ACTIVE, unlisted: false },
      select: entrySelect,
      orderBy: { name: "asc" },
      take: DIRECTORY_LIMIT,
    });
    return rows.map(toEntry);
  },
});

/** One active workspace as the request form shows it; an unlisted one too, for whoever has its link. */
export const getDirectoryEntry = defineOperation({
  name: "access.directory_entry",
  title: "viewing a workspace's directory entry",
  roles: ["requester"],
  input: z.strictObject({ workspaceId: z.string() }),
  audit: [],
  run: async (_ctx: Ctx, { workspaceId }): Promise<DirectoryEntry> => {
    if (!z.uuid().safeParse(workspaceId).success) throw new NotFoundError();
    const row = await db.workspace.findFirst({ where: { id: workspaceId, status: WorkspaceStatus.ACTIVE }, select: entrySelect });
    if (!row) throw new NotFoundError();
    return toEntry(row);
  },
});

export interface GrantView {
  id: string;
  workspaceId: string;
  workspace: string;
  subjectKind: string;
  subject: string;
  role: string;
  reason: string;
  state: string;
  endsAt: Date | null;
  requestedBy: string;
  approvedBy: string | null;
  decidedBy: string | null;
  createdAt: Date;
  synced: boolean;
  lastError: string | null;
}

const grantViewSelect = {
  id: true,
  workspaceId: true,
  subjectKind: true,
  subject: true,
  role: true,
  reason: true,
  state: true,
  endsAt: true,
  createdAt: true,
  synced: true,
  lastError: true,
  workspace: { select: { name: true } },
  requestedBy: { select: { email: true } },
  approvedBy: { select: { email: true } },
  decidedBy: { select: { email: true } },
} as const;

type GrantViewRow = {
  id: string;
  workspaceId: string;
  subjectKind: string;
  subject: string;
  role: string;
  reason: string;
  state: string;
  endsAt: Date | null;
  createdAt: Date;
  synced: boolean;
  lastError: string | null;
  workspace: { name: string };
  requestedBy: { email: string };
  approvedBy: { email: string } | null;
  decidedBy: { email: string } | null;
};

export function toGrantView(row: GrantViewRow): GrantView {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    workspace: row.workspace.name,
    subjectKind: row.subjectKind,
    subject: row.subject,
    role: row.role,
    reason: row.reason,
    state: row.state,
    endsAt: row.endsAt,
    requestedBy: row.requestedBy.email,
    approvedBy: row.approvedBy?.email ?? null,
    decidedBy: row.decidedBy?.email ?? null,
    createdAt: row.createdAt,
    synced: row.synced,
    lastError: row.lastError,
  };
}

/** Requests waiting on the caller: on workspaces they own, and (for an admin) on every workspace. */
export const listRequestsForMe = defineOperation({
  name: "access.requests_for_me",
  title: "listing access requests for my workspaces",
  roles: ["requester", "admin"],
  input: noInput,
  audit: [],
  run: async (ctx): Promise<GrantView[]> => {
    const where = isAdmin(ctx)
      ? { state: { in: OPEN_REQUEST_STATES } }
      : { state: { in: OPEN_REQUEST_STATES }, workspace: { ownerEmail: { equals: ctx.actor.email, mode: "insensitive" as const } } };
    const rows = await db.accessGrant.findMany({ where, select: grantViewSelect, orderBy: { createdAt: "asc" }, take: 500 });
    return rows.map(toGrantView);
  },
});

/** A workspace's contributors and waiting requests, for its owner or an admin. */
export const listContributors = defineOperation({
  name: "access.contributors",
  title: "listing a workspace's contributors",
  roles: ["requester", "admin"],
  input: z.strictObject({ workspaceId: z.string() }),
  audit: [],
  run: async (ctx, { workspaceId }): Promise<{ owner: boolean; grants: GrantView[]; description: string | null; unlisted: boolean }> => {
    if (!z.uuid().safeParse(workspaceId).success) throw new NotFoundError();
    const workspace = await managedWorkspace(ctx, workspaceId);
    const [rows, listing] = await Promise.all([
      db.accessGrant.findMany({
        where: { workspaceId, state: { in: ["ACTIVE", ...OPEN_REQUEST_STATES] } },
        select: grantViewSelect,
        orderBy: [{ state: "asc" }, { createdAt: "asc" }],
      }),
      db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { description: true, unlisted: true } }),
    ]);
    return { owner: isOwner(ctx, workspace.ownerEmail), grants: rows.map(toGrantView), ...listing };
  },
});

/** The caller's own requests and grants, newest first. */
export const listMyAccess = defineOperation({
  name: "access.mine",
  title: "listing my access to other workspaces",
  roles: ["requester"],
  input: noInput,
  audit: [],
  run: async (ctx): Promise<GrantView[]> => {
    const rows = await db.accessGrant.findMany({
      where: { OR: [{ requestedById: ctx.actor.userId, subjectKind: "User" }, { subjectKind: "User", subjectKey: foldEmail(ctx.actor.email) }] },
      select: grantViewSelect,
      orderBy: { createdAt: "desc" },
      take: 200,
    });
    return rows.filter((row) => foldEmail(row.subject) === foldEmail(ctx.actor.email)).map(toGrantView);
  },
});
