// In-app notifications: the outbox rows a person may read (their own workspaces' events, and
// every admin's events when they hold the admin role now), with per-person read state.
import "server-only";
import { z } from "zod";
import { appendAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { Ctx } from "@/lib/model/actor";
import { foldEmail } from "@/lib/model/email";
import { ValidationError } from "@/lib/model/errors";
import { hasRole } from "@/lib/model/roles";
import { defineOperation, noInput } from "@/lib/operations/define-operation";
import type { NotificationEvent } from "./outbox";

export const INBOX_PAGE_SIZE = 30;
/** The bell counts up to this many; beyond it says "99+". */
export const UNREAD_COUNT_CAP = 99;
/** Marking everything read covers at most this many at once (the newest). */
const MARK_ALL_LIMIT = 500;

export interface InboxEntry {
  id: string;
  event: NotificationEvent;
  text: string;
  workspaceId: string | null;
  workspaceName: string | null;
  createdAt: Date;
  read: boolean;
  /** Where the notification leads: the owner's workspace page, or the admins' queue. */
  href: string;
}

/** Only rows this person may read: resolved from the session before any other filter is added. */
function visibleTo(ctx: Ctx): Prisma.NotificationWhereInput {
  const mine: Prisma.NotificationWhereInput = { audience: "owner", recipientEmail: foldEmail(ctx.actor.email) };
  return hasRole(ctx.actor.roles, "admin") ? { OR: [mine, { audience: "admin" }] } : mine;
}

const inboxInput = z.strictObject({
  before: z.uuid({ error: "Unknown page." }).optional(),
});

export const listMyNotifications = defineOperation({
  name: "notification.list-mine",
  title: "reading notifications",
  roles: ["requester"],
  input: inboxInput,
  audit: [],
  run: listInbox,
});

async function listInbox(ctx: Ctx, { before }: z.infer<typeof inboxInput>): Promise<{ entries: InboxEntry[]; next: string | null }> {
  const where = visibleTo(ctx);
  let cursor: Prisma.NotificationWhereInput = {};
  if (before) {
    const anchor = await db.notification.findFirst({ where: { AND: [where, { id: before }] }, select: { id: true, createdAt: true } });
    if (!anchor) throw new ValidationError("That page of notifications does not exist.", { before: ["Unknown page."] });
    cursor = { OR: [{ createdAt: { lt: anchor.createdAt } }, { createdAt: anchor.createdAt, id: { lt: anchor.id } }] };
  }
  const rows = await db.notification.findMany({
    where: { AND: [where, cursor] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: INBOX_PAGE_SIZE + 1,
    select: { id: true, event: true, payload: true, audience: true, createdAt: true, reads: { where: { userId: ctx.actor.userId }, select: { readAt: true } } },
  });
  const entries = rows.slice(0, INBOX_PAGE_SIZE).map((row): InboxEntry => {
    const payload = row.payload as { text?: unknown; berth?: { workspace?: { id?: unknown; name?: unknown } } };
    const workspaceId = typeof payload.berth?.workspace?.id === "string" ? payload.berth.workspace.id : null;
    return {
      id: row.id,
      event: row.event as NotificationEvent,
      text: String(payload.text ?? ""),
      workspaceId,
      workspaceName: typeof payload.berth?.workspace?.name === "string" ? payload.berth.workspace.name : null,
      createdAt: row.createdAt,
      read: row.reads.length > 0,
      href: row.audience === "admin" ? "/admin/requests" : workspaceId ? `/workspaces/${workspaceId}` : "/workspaces",
    };
  });
  return { entries, next: rows.length > INBOX_PAGE_SIZE ? (entries.at(-1)?.id ?? null) : null };
}

export const countMyUnreadNotifications = defineOperation({
  name: "notification.count-unread",
  title: "counting unread notifications",
  roles: ["requester"],
  input: noInput,
  audit: [],
  run: countUnread,
});

/** At most UNREAD_COUNT_CAP + 1, so the bell costs the same however many there are. */
async function countUnread(ctx: Ctx): Promise<number> {
  const rows = await db.notification.findMany({
    where: { AND: [visibleTo(ctx), { reads: { none: { userId: ctx.actor.userId } } }] },
    orderBy: { createdAt: "desc" },
    take: UNREAD_COUNT_CAP + 1,
    select: { id: true },
  });
  return rows.length;
}

const markReadInput = z.strictObject({
  /** One notification; absent means every unread one (the newest MARK_ALL_LIMIT). */
  notificationId: z.uuid({ error: "Unknown notification." }).optional(),
});

export const markNotificationsRead = defineOperation({
  name: "notification.mark-read",
  title: "marking notifications read",
  roles: ["requester"],
  input: markReadInput,
  audit: ["notification.marked_read"],
  run: markRead,
});

async function markRead(ctx: Ctx, { notificationId }: z.infer<typeof markReadInput>): Promise<{ marked: number }> {
  return db.$transaction(async (tx) => {
    const unread = await tx.notification.findMany({
      where: { AND: [visibleTo(ctx), notificationId ? { id: notificationId } : {}, { reads: { none: { userId: ctx.actor.userId } } }] },
      orderBy: { createdAt: "desc" },
      take: MARK_ALL_LIMIT,
      select: { id: true },
    });
    if (notificationId && unread.length === 0) {
      // Someone else's notification is "unknown", exactly like one that does not exist.
      const visible = await tx.notification.count({ where: { AND: [visibleTo(ctx), { id: notificationId }] } });
      if (visible === 0) throw new ValidationError("That notification does not exist.", { notificationId: ["Unknown notification."] });
    }
    const { count } = await tx.notificationRead.createMany({
      data: unread.map(({ id }) => ({ notificationId: id, userId: ctx.actor.userId })),
      skipDuplicates: true,
    });
    await appendAuditEvent(tx, {
      action: "notification.marked_read",
      result: "success",
      actor: ctx.actor,
      context: ctx.meta,
      target: notificationId ? { type: "notification", id: notificationId } : undefined,
      after: { marked: count },
    });
    return { marked: count };
  });
}
