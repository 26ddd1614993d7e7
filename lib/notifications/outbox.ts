// Notifications are written to an outbox in the transaction of the event they announce:
// none is lost if the process dies, and none makes the user wait for a webhook.
import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { whenRowsIn } from "@/lib/db/sql";
import { foldEmail } from "@/lib/model/email";

export const NOTIFICATION_EVENTS = [
  "request.created",
  "request.approved",
  "request.rejected",
  "request.expired",
  "workspace.expiry_soon",
  "workspace.expired",
  // Contributors: the text names the person or group and the role.
  "access.requested",
  "access.granted",
  "access.rejected",
  "access.revoked",
  "access.expired",
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** Who reads each event in the app (besides the webhook): the workspace's owner, or every admin. */
export const NOTIFICATION_AUDIENCE: Record<NotificationEvent, "owner" | "admin"> = {
  "request.created": "admin",
  "request.approved": "owner",
  "request.rejected": "owner",
  "request.expired": "owner",
  "workspace.expiry_soon": "owner",
  "workspace.expired": "owner",
  // The owner decides on and answers for who has access; the contributor reads the webhook's text.
  "access.requested": "owner",
  "access.granted": "owner",
  "access.rejected": "owner",
  "access.revoked": "owner",
  "access.expired": "owner",
};

export interface NotificationSubject {
  id: string;
  name: string;
  owner: string;
  tier?: string;
}

/** Slack-compatible body: `text` for people, `berth` for machines. */
export function notificationPayload(event: NotificationEvent, text: string, workspace: NotificationSubject) {
  return { text, berth: { event, workspace } };
}

export async function enqueueNotification(tx: Tx, event: NotificationEvent, text: string, workspace: NotificationSubject): Promise<void> {
  await tx.$executeRaw(notificationInsert(event, text, workspace));
}

/**
 * The outbox row's INSERT, for a decision that writes everything in one statement (as a CTE);
 * with `onlyIfRowsIn`, only if that CTE of the statement returned rows.
 */
export function notificationInsert(event: NotificationEvent, text: string, workspace: NotificationSubject, onlyIfRowsIn?: string): Prisma.Sql {
  const audience = NOTIFICATION_AUDIENCE[event];
  const recipient = audience === "owner" ? foldEmail(workspace.owner) : null;
  return Prisma.sql`
    INSERT INTO notifications (id, event, payload, audience, recipient_email)
    SELECT ${randomUUID()}::uuid, ${event}, ${JSON.stringify(notificationPayload(event, text, workspace))}::jsonb, ${audience}, ${recipient}
    ${whenRowsIn(onlyIfRowsIn)}`;
}
