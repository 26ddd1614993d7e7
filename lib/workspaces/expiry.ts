// Time-driven transitions: pending requests that waited too long, workspaces nearing and
// reaching their end date. Each row moves in its own transaction, conditional on its
// state, with its audit event and notification: running twice (or on two replicas) does nothing twice.
// Suspending an expired workspace in the cluster belongs to the cluster lifecycle; here it is marked EXPIRED.
import "server-only";
import { randomUUID } from "node:crypto";
import { appendAuditEvent } from "@/lib/audit/record";
import type { WorkflowConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { enqueueNotification } from "@/lib/notifications/outbox";
import { WorkspaceStatus } from "./status";

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 200;
const system = () => ({ actor: null, context: { requestId: `jobs-${randomUUID()}` } });

const candidateSelect = { id: true, name: true, ownerEmail: true, expiresAt: true, tier: { select: { slug: true } } } as const;

export async function expireStaleRequests(now: Date, config: Pick<WorkflowConfig, "requestTtlDays">): Promise<number> {
  const cutoff = new Date(now.getTime() - config.requestTtlDays * DAY_MS);
  const stale = await db.workspace.findMany({
    where: { status: WorkspaceStatus.PENDING, createdAt: { lt: cutoff } },
    select: candidateSelect,
    take: BATCH,
  });
  let done = 0;
  for (const ws of stale) {
    const moved = await db.$transaction(async (tx) => {
      const { count } = await tx.workspace.updateMany({
        where: { id: ws.id, status: WorkspaceStatus.PENDING },
        data: { status: WorkspaceStatus.EXPIRED, statusMessage: `No decision within ${config.requestTtlDays} days.`, version: { increment: 1 } },
      });
      if (count !== 1) return false;
      await appendAuditEvent(tx, {
        ...system(),
        action: "workspace.request_expired",
        result: "success",
        target: { type: "workspace", id: ws.id, name: ws.name },
        before: { status: WorkspaceStatus.PENDING },
        after: { status: WorkspaceStatus.EXPIRED },
        reason: `no decision within ${config.requestTtlDays} days`,
      });
      await enqueueNotification(tx, "request.expired", `The request for ${ws.name} by ${ws.ownerEmail} expired without a decision.`, {
        id: ws.id,
        name: ws.name,
        owner: ws.ownerEmail,
        tier: ws.tier.slug,
      });
      return true;
    });
    if (moved) done += 1;
  }
  return done;
}

export async function noticeExpiringWorkspaces(now: Date, config: Pick<WorkflowConfig, "expiryNoticeDays">): Promise<number> {
  const horizon = new Date(now.getTime() + config.expiryNoticeDays * DAY_MS);
  const soon = await db.workspace.findMany({
    where: { status: WorkspaceStatus.ACTIVE, expiresAt: { gt: now, lte: horizon }, expiryNoticeAt: null },
    select: candidateSelect,
    take: BATCH,
  });
  let done = 0;
  for (const ws of soon) {
    const sent = await db.$transaction(async (tx) => {
      const { count } = await tx.workspace.updateMany({ where: { id: ws.id, expiryNoticeAt: null }, data: { expiryNoticeAt: now } });
      if (count !== 1) return false;
      const until = ws.expiresAt?.toISOString() ?? "";
      await appendAuditEvent(tx, {
        ...system(),
        action: "workspace.expiry_notice",
        result: "success",
        target: { type: "workspace", id: ws.id, name: ws.name },
        after: { expiresAt: until },
      });
      await enqueueNotification(tx, "workspace.expiry_soon", `Workspace ${ws.name} of ${ws.ownerEmail} expires on ${until.slice(0, 10)}; its owner can ask for renewal.`, {
        id: ws.id,
        name: ws.name,
        owner: ws.ownerEmail,
        tier: ws.tier.slug,
      });
      return true;
    });
    if (sent) done += 1;
  }
  return done;
}

export async function expireWorkspaces(now: Date): Promise<string[]> {
  const due = await db.workspace.findMany({
    where: { status: WorkspaceStatus.ACTIVE, expiresAt: { lte: now } },
    select: candidateSelect,
    take: BATCH,
  });
  const expired: string[] = [];
  for (const ws of due) {
    const moved = await db.$transaction(async (tx) => {
      const { count } = await tx.workspace.updateMany({
        where: { id: ws.id, status: WorkspaceStatus.ACTIVE, expiresAt: { lte: now } },
        data: { status: WorkspaceStatus.EXPIRED, statusMessage: "The workspace reached its end date.", version: { increment: 1 } },
      });
      if (count !== 1) return false;
      await appendAuditEvent(tx, {
        ...system(),
        action: "workspace.expired",
        result: "success",
        target: { type: "workspace", id: ws.id, name: ws.name },
        before: { status: WorkspaceStatus.ACTIVE, expiresAt: ws.expiresAt },
        after: { status: WorkspaceStatus.EXPIRED },
      });
      await enqueueNotification(tx, "workspace.expired", `Workspace ${ws.name} of ${ws.ownerEmail} reached its end date and expired.`, {
        id: ws.id,
        name: ws.name,
        owner: ws.ownerEmail,
        tier: ws.tier.slug,
      });
      return true;
    });
    if (moved) expired.push(ws.id);
  }
  return expired;
}
