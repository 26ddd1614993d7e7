// Live status for pages that show something in flight (a workspace being provisioned, a queue
// with requests waiting, the cluster catching up): a short fingerprint of what the page shows and
// whether anything is still moving. The page's small client poller compares fingerprints and
// refreshes the page when one changes; it stops when nothing is in flight. Authorized like the page.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Ctx } from "@/lib/model/actor";
import { NotFoundError } from "@/lib/model/errors";
import { hasRole } from "@/lib/model/roles";
import { defineOperation } from "@/lib/operations/define-operation";
import { knownWorkspaceId, workspaceInUrl } from "@/lib/workspaces/schemas";

export interface LiveState {
  /** Changes whenever what the page shows changes. */
  v: string;
  /** Something is still expected to change without anyone acting on this page. */
  inFlight: boolean;
}

export const readWorkspaceLive = defineOperation({
  name: "live.read-workspace",
  title: "following a workspace's status",
  roles: ["requester"],
  input: workspaceInUrl,
  audit: [],
  run: readWorkspace,
});

async function readWorkspace(ctx: Ctx, { workspaceId }: { workspaceId: string }): Promise<LiveState> {
  const id = knownWorkspaceId(workspaceId);
  // The owner's own workspace; an admin may follow any (the admin workspace page).
  const [row] = await db.$queryRaw<{ v: string; in_flight: boolean }[]>`
    SELECT md5(concat_ws('|', status, generation, applied_generation, provision_step, blocked, version, status_message, drift,
                 (SELECT count(*) FROM workspace_changes c WHERE c.workspace_id = w.id AND c.status = 'PENDING'))) AS v,
           (status IN ('PENDING', 'PROVISIONING') OR (applied_generation < generation AND NOT blocked
             AND status IN ('ACTIVE', 'SUSPENDED', 'EXPIRED', 'DECOMMISSIONED'))) AS in_flight
    FROM workspaces w
    WHERE id = ${id}::uuid AND (${hasRole(ctx.actor.roles, "admin")} OR requester_id = ${ctx.actor.userId}::uuid)`;
  if (!row) throw new NotFoundError();
  return { v: row.v, inFlight: row.in_flight };
}

const adminScope = z.strictObject({ scope: z.enum(["queue", "cluster", "workspaces"], { error: "Unknown page." }) });

export const readAdminLive = defineOperation({
  name: "live.read-admin",
  title: "following the admin pages",
  roles: ["admin"],
  input: adminScope,
  audit: [],
  run: readAdmin,
});

/** Rows a page watches, at most this many, so a poll costs the same whatever the number of workspaces. */
const WATCHED_ROWS = 500;

async function readAdmin(_ctx: Ctx, { scope }: z.infer<typeof adminScope>): Promise<LiveState> {
  // Every admin page is in flight only while an approved change is being applied (that is what
  // changes without anyone acting); the queue's fingerprint also covers the requests, quota
  // changes and renewals waiting, so a refresh then shows those as they are.
  const [row] = await db.$queryRaw<{ v: string; in_flight: boolean }[]>`
    WITH applying AS (
      SELECT concat_ws(':', id, status, generation, applied_generation, provision_step, blocked, drift) AS k, blocked FROM workspaces
      WHERE applied_generation < generation AND decided_by_id IS NOT NULL
        AND status IN ('PROVISIONING', 'ACTIVE', 'SUSPENDED', 'EXPIRED', 'DECOMMISSIONED')
      ORDER BY id LIMIT ${WATCHED_ROWS}),
    waiting AS (
      (SELECT concat_ws(':', id, status, version) AS k FROM workspaces
        WHERE ${scope === "queue"} AND (status = 'PENDING' OR renewal_requested_at IS NOT NULL) ORDER BY id LIMIT ${WATCHED_ROWS})
      UNION ALL
      (SELECT concat_ws(':', c.id, c.status, (SELECT count(*) FROM workspace_approvals a WHERE a.purpose = 'change:' || c.id))
        FROM workspace_changes c WHERE ${scope === "queue"} AND c.status = 'PENDING' ORDER BY c.id LIMIT ${WATCHED_ROWS}))
    SELECT md5(concat_ws('|', (SELECT coalesce(string_agg(k, ',' ORDER BY k), '') FROM applying),
                 (SELECT coalesce(string_agg(k, ',' ORDER BY k), '') FROM waiting),
                 (SELECT count(*) FROM workspaces WHERE drift IS NOT NULL),
                 -- The Cluster page's lists come from the reconciler's last scan: new findings refresh it.
                 (SELECT md5(concat_ws('|', drifted::text, unmanaged::text, error::text)) FROM cluster_scans WHERE ${scope === "cluster"}))) AS v,
           -- The Cluster page shows the reconciler's findings as they land (watch events, passes):
           -- it keeps following them, backing off while nothing changes.
           (SELECT coalesce(bool_or(NOT blocked), false) FROM applying) OR ${scope === "cluster"} AS in_flight`;
  return { v: row?.v ?? "", inFlight: row?.in_flight ?? false };
}
