// Time-driven transitions: pending requests that waited too long, workspaces nearing and
// reaching their end date. Each row moves in its own transaction, conditional on its
// state, with its audit event and notification: running twice (or on two replicas) does nothing twice.
// Suspending an expired workspace in the cluster belongs to the cluster lifecycle; here it is marked EXPIRED.
import "server-only";
import { randomUUID } from "node:crypto";
import type { AuditEventInput } from "@/lib/model/audit-event";
import { appendAuditEvent } from "@/lib/audit/record";
import type { WorkflowConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { enqueueNotification, type NotificationEvent } from "@/lib/notifications/outbox";
import { WorkspaceStatus } from "@/lib/model/workspace-status";

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 200;

const candidateSelect = { id: true, name: true, ownerEmail: true, expiresAt: true, tier: { select: { slug: true } } } as const;
type Candidate = { id: string; name: string; ownerEmail: string; expiresAt: Date | null; tier: { slug: string } };

interface Step {
  /** Conditions that must still hold when the row is changed (besides its id). */
  still: Prisma.WorkspaceWhereInput;
  data: Prisma.WorkspaceUpdateManyMutationInput;
  audit: Pick<AuditEventInput, "action" | "before" | "after" | "reason">;
  notify: [NotificationEvent, string];
}

/** Applies one step per candidate, each in its own transaction; returns the ids that moved. */
async function applyEach(candidates: Candidate[], stepFor: (ws: Candidate) => Step): Promise<string[]> {
  const moved: string[] = [];
  for (const ws of candidates) {
    const step = stepFor(ws);
    const done = await db.$transaction(async (tx) => {
      const { count } = await tx.workspace.updateMany({ where: { id: ws.id, ...step.still }, data: step.data });
      if (count !== 1) return false;
      await appendAuditEvent(tx, {
        ...step.audit,
        actor: null,
        context: { requestId: `jobs-${randomUUID()}` },
        result: "success",
        target: { type: "workspace", id: ws.id, name: ws.name },
      });
      await enqueueNotification(tx, step.notify[0], step.notify[1], { id: ws.id, name: ws.name, owner: ws.ownerEmail, tier: ws.tier.slug });
      return true;
    });
    if (done) moved.push(ws.id);
  }
  return moved;
}

export async function expireStaleRequests(now: Date, config: Pick<WorkflowConfig, "requestTtlDays">): Promise<number> {
  const cutoff = new Date(now.getTime() - config.requestTtlDays * DAY_MS);
  const stale = await db.workspace.findMany({ where: { status: WorkspaceStatus.PENDING, createdAt: { lt: cutoff } }, select: candidateSelect, take: BATCH });
  const moved = await applyEach(stale, (ws) => ({
    still: { status: WorkspaceStatus.PENDING },
    data: { status: WorkspaceStatus.EXPIRED, statusMessage: `No decision within ${config.requestTtlDays} days.`, version: { increment: 1 } },
    audit: {
      action: "workspace.request_expired",
      before: { status: WorkspaceStatus.PENDING },
      after: { status: WorkspaceStatus.EXPIRED },
      reason: `no decision within ${config.requestTtlDays} days`,
    },
    notify: ["request.expired", `The request for ${ws.name} by ${ws.ownerEmail} expired without a decision.`],
  }));
  return moved.length;
}

export async function noticeExpiringWorkspaces(now: Date, config: Pick<WorkflowConfig, "expiryNoticeDays">): Promise<number> {
  const horizon = new Date(now.getTime() + config.expiryNoticeDays * DAY_MS);
  const soon = await db.workspace.findMany({
    where: { status: WorkspaceStatus.ACTIVE, expiresAt: { gt: now, lte: horizon }, expiryNoticeAt: null },
    select: candidateSelect,
    take: BATCH,
  });
  const moved = await applyEach(soon, (ws) => {
    const until = ws.expiresAt?.toISOString() ?? "";
    return {
      still: { expiryNoticeAt: null },
      data: { expiryNoticeAt: now },
      audit: { action: "workspace.expiry_notice", after: { expiresAt: until } },
      notify: ["workspace.expiry_soon", `Workspace ${ws.name} of ${ws.ownerEmail} expires on ${until.slice(0, 10)}; its owner can ask for renewal.`],
    };
  });
  return moved.length;
}

export async function expireWorkspaces(now: Date): Promise<string[]> {
  const due = await db.workspace.findMany({ where: { status: WorkspaceStatus.ACTIVE, expiresAt: { lte: now } }, select: candidateSelect, take: BATCH });
  return applyEach(due, (ws) => ({
    still: { status: WorkspaceStatus.ACTIVE, expiresAt: { lte: now } },
    // A new generation: the reconciler applies the held (zero-pod) quota, keeping all data.
    data: {
      status: WorkspaceStatus.EXPIRED,
      statusMessage: "The workspace reached its end date: it is suspended until renewed or decommissioned.",
      version: { increment: 1 },
      generation: { increment: 1 },
    },
    audit: { action: "workspace.expired", before: { status: WorkspaceStatus.ACTIVE, expiresAt: ws.expiresAt }, after: { status: WorkspaceStatus.EXPIRED } },
    notify: ["workspace.expired", `Workspace ${ws.name} of ${ws.ownerEmail} reached its end date and expired.`],
  }));
}
