// What the pages show of quota changes: the admin queue's pending changes (with the diff, the
// tier's maximum and who approved so far, in a fixed number of queries), and the owner's view
// of the latest change of one workspace.
import "server-only";
import { db } from "@/lib/db/client";
import type { Ctx } from "@/lib/model/actor";
import { NotFoundError } from "@/lib/model/errors";
import { defineOperation, noInput } from "@/lib/operations/define-operation";
import type { Hard } from "@/lib/quota/keys";
import { tierSelect, toTierDetail, type TierDetail } from "@/lib/tiers/detail";
import { mayDecide } from "./governance";
import { knownWorkspaceId, workspaceInUrl } from "./schemas";

/** Pending quota changes shown at once, oldest first. */
const CHANGES_SHOWN = 50;

export interface PendingChange {
  id: string;
  workspaceId: string;
  workspaceName: string;
  ownerEmail: string;
  proposedBy: string;
  reason: string;
  createdAt: Date;
  current: Hard;
  proposed: Hard;
  tier: TierDetail;
  required: number;
  approvedBy: string[];
  approvedByMe: boolean;
  /** Why this admin may not decide it (owner, requester, proposer), or null. */
  notYours: string | null;
}

export const listPendingChanges = defineOperation({
  name: "change.list-pending",
  title: "viewing pending quota changes",
  roles: ["admin"],
  input: noInput,
  audit: [],
  run: async (ctx: Ctx): Promise<PendingChange[]> => {
    const rows = await db.workspaceChange.findMany({
      where: { status: "PENDING" },
      orderBy: { createdAt: "asc" },
      take: CHANGES_SHOWN,
      select: {
        id: true,
        hard: true,
        reason: true,
        createdAt: true,
        approvalsRequired: true,
        proposedBy: { select: { issuer: true, subject: true, email: true } },
        workspace: {
          select: {
            id: true,
            name: true,
            hard: true,
            ownerEmail: true,
            tier: { select: tierSelect },
            requester: { select: { issuer: true, subject: true, email: true } },
          },
        },
      },
    });
    const approvals = await db.workspaceApproval.findMany({
      where: { purpose: { in: rows.map((row) => `change:${row.id}`) }, supersededAt: null },
      select: { purpose: true, approverId: true, approver: { select: { email: true } } },
    });
    return rows.map((row) => {
      const mine = approvals.filter((a) => a.purpose === `change:${row.id}`);
      const may = mayDecide(ctx.actor, { requester: row.workspace.requester, ownerEmail: row.workspace.ownerEmail, proposer: row.proposedBy }, {
        kind: "quota",
        from: row.workspace.hard as Hard,
        to: row.hard as Hard,
      });
      return {
        id: row.id,
        workspaceId: row.workspace.id,
        workspaceName: row.workspace.name,
        ownerEmail: row.workspace.ownerEmail,
        proposedBy: row.proposedBy.email,
        reason: row.reason,
        createdAt: row.createdAt,
        current: row.workspace.hard as Hard,
        proposed: row.hard as Hard,
        tier: toTierDetail(row.workspace.tier),
        required: row.approvalsRequired,
        approvedBy: mine.map((a) => a.approver.email),
        approvedByMe: mine.some((a) => a.approverId === ctx.actor.userId),
        notYours: may.ok ? null : may.reason,
      };
    });
  },
});

export interface MyLatestChange {
  id: string;
  status: string;
  proposed: Hard;
  reason: string;
  decisionNote: string | null;
  required: number;
  approvals: number;
  createdAt: Date;
}

/** The owner's latest quota change of their workspace (anyone else's workspace is not found). */
export const getMyLatestChange = defineOperation({
  name: "change.read-mine",
  title: "reading a quota change",
  roles: ["requester"],
  input: workspaceInUrl,
  audit: [],
  run: async (ctx: Ctx, { workspaceId }): Promise<MyLatestChange | null> => {
    const workspace = await db.workspace.findFirst({ where: { id: knownWorkspaceId(workspaceId), requesterId: ctx.actor.userId }, select: { id: true } });
    if (!workspace) throw new NotFoundError();
    const change = await db.workspaceChange.findFirst({
      where: { workspaceId: workspace.id },
      orderBy: { createdAt: "desc" },
      select: { id: true, status: true, hard: true, reason: true, decisionNote: true, approvalsRequired: true, createdAt: true },
    });
    if (!change) return null;
    const approvals = await db.workspaceApproval.count({ where: { purpose: `change:${change.id}`, supersededAt: null } });
    return {
      id: change.id,
      status: change.status,
      proposed: change.hard as Hard,
      reason: change.reason,
      decisionNote: change.decisionNote,
      required: change.approvalsRequired,
      approvals,
      createdAt: change.createdAt,
    };
  },
});
