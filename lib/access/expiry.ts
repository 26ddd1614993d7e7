// Access with an end date ends on time: each grant past its end moves to EXPIRED in its own
// conditional transaction (audited, owner and contributor notified through the outbox), and its
// cluster objects are removed right after, with the same retries as any removal.
import "server-only";
import { randomUUID } from "node:crypto";
import { appendAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { enqueueNotification } from "@/lib/notifications/outbox";
import type { Attempter } from "@/lib/reconcile/provision";
import { syncGrant } from "./cluster-sync";
import { GRANT_SELECT, grantTarget, snapshotOf } from "./grant";

const BATCH = 200;

/** Ends every grant whose end date has passed; returns their ids. Running twice ends nothing twice. */
export async function expireGrants(now: Date, by: Attempter = { actor: null, context: { requestId: `jobs-${randomUUID()}` } }): Promise<string[]> {
  const due = await db.accessGrant.findMany({ where: { state: "ACTIVE", endsAt: { lte: now } }, select: GRANT_SELECT, take: BATCH, orderBy: { endsAt: "asc" } });
  const expired: string[] = [];
  for (const grant of due) {
    const moved = await db.$transaction(async (tx) => {
      const { count } = await tx.accessGrant.updateMany({
        where: { id: grant.id, state: "ACTIVE", version: grant.version },
        data: { state: "EXPIRED", endedAt: now, synced: false, attempts: 0, nextAttemptAt: null, version: { increment: 1 } },
      });
      if (count !== 1) return false;
      await appendAuditEvent(tx, {
        action: "access.expired",
        result: "success",
        actor: by.actor,
        context: by.context,
        target: grantTarget(grant),
        before: snapshotOf(grant),
        after: snapshotOf(grant, "EXPIRED"),
        reason: `end date ${grant.endsAt?.toISOString()} reached`,
      });
      await enqueueNotification(
        tx,
        "access.expired",
        `${grant.subject}'s ${grant.role} access to ${grant.workspace.name} (owner ${grant.workspace.ownerEmail}) ended on its end date.`,
        { id: grant.workspaceId, name: grant.workspace.name, owner: grant.workspace.ownerEmail },
      );
      return true;
    });
    if (moved) expired.push(grant.id);
  }
  for (const id of expired) await syncGrant(by, id, now);
  return expired;
}
