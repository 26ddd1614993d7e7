// Access ends with its workspace: once a workspace is decommissioned, its contributors' grants
// are revoked and its open access requests withdrawn, each in its own conditional transaction
// (audited in the system's name), and the revoked grants' cluster objects are removed like any
// removal (gone with the namespace, they count as removed). Suspended and expired workspaces keep
// their contributors: their data is still there and they may come back.
import "server-only";
import { randomUUID } from "node:crypto";
import { appendAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { WorkspaceStatus } from "@/lib/model/workspace-status";
import type { Attempter } from "@/lib/reconcile/provision";
import { syncGrant } from "./cluster-sync";
import { GRANT_SELECT, grantTarget, OPEN_REQUEST_STATES, snapshotOf } from "./grant";

const BATCH = 200;
const ENDING_STATES = ["ACTIVE", ...OPEN_REQUEST_STATES];

/** Ends the grants and requests of decommissioned workspaces; returns the ids it ended. Idempotent. */
export async function endAccessOfDecommissioned(
  now: Date,
  by: Attempter = { actor: null, context: { requestId: `jobs-${randomUUID()}` } },
): Promise<string[]> {
  const due = await db.accessGrant.findMany({
    where: { state: { in: ENDING_STATES }, workspace: { status: WorkspaceStatus.DECOMMISSIONED } },
    select: GRANT_SELECT,
    take: BATCH,
    orderBy: { createdAt: "asc" },
  });
  const ended: string[] = [];
  const revoked: string[] = [];
  for (const grant of due) {
    const active = grant.state === "ACTIVE";
    const state = active ? "REVOKED" : "CANCELLED";
    const moved = await db.$transaction(async (tx) => {
      const { count } = await tx.accessGrant.updateMany({
        where: { id: grant.id, state: grant.state, version: grant.version },
        data: { state, endedAt: now, version: { increment: 1 }, ...(active ? { synced: false, attempts: 0, nextAttemptAt: null } : {}) },
      });
      if (count !== 1) return false;
      await appendAuditEvent(tx, {
        action: active ? "access.revoked" : "access.cancelled",
        result: "success",
        actor: by.actor,
        context: by.context,
        target: grantTarget(grant),
        before: snapshotOf(grant),
        after: snapshotOf(grant, state),
        reason: `workspace ${grant.workspace.name} was decommissioned`,
      });
      return true;
    });
    if (!moved) continue;
    ended.push(grant.id);
    if (active) revoked.push(grant.id);
  }
  for (const id of revoked) await syncGrant(by, id, now);
  return ended;
}
