// The gauges that are facts in the database, read when Prometheus scrapes (not kept in memory,
// so every replica reports the same): the pending requests and the oldest one's age, the audit
// chain's length and last checkpoint, and the notifications not delivered. Each query is one
// index or one-row read.
import "server-only";
import { db } from "@/lib/db/client";
import { setDatabaseGauges, type DatabaseGauges } from "@/lib/telemetry/metrics";

export async function readDatabaseGauges(now = new Date()): Promise<DatabaseGauges> {
  const [pending, head, checkpoint, backlog] = await Promise.all([
    // The (status, created_at) index answers both.
    db.$queryRaw<{ n: bigint; oldest: Date | null }[]>`
      SELECT count(*) AS n, min(created_at) AS oldest FROM workspaces WHERE status = 'PENDING'`,
    db.auditChainHead.findFirst({ select: { seq: true } }),
    db.auditCheckpoint.findFirst({ orderBy: { treeSize: "desc" }, select: { treeSize: true, createdAt: true } }),
    // Delivered rows stay for the in-app inbox: only the (status, next_attempt_at) index's undelivered part is read.
    db.$queryRaw<{ state: string; n: bigint }[]>`
      SELECT CASE WHEN status = 'FAILED' THEN 'given_up' WHEN attempts = 0 THEN 'waiting' ELSE 'retrying' END AS state, count(*) AS n
      FROM notifications WHERE status IN ('PENDING', 'FAILED') GROUP BY 1`,
  ]);
  const count = (state: string) => Number(backlog.find((row) => row.state === state)?.n ?? 0);
  const oldest = pending[0]?.oldest ?? null;
  return {
    pendingRequests: Number(pending[0]?.n ?? 0),
    oldestPendingAgeSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
    auditChainLength: Number(head?.seq ?? 0),
    lastCheckpoint: checkpoint ? { treeSize: Number(checkpoint.treeSize), signedAt: checkpoint.createdAt } : null,
    notificationBacklog: { waiting: count("waiting"), retrying: count("retrying"), givenUp: count("given_up") },
  };
}

/** Sets the gauges before an exposition; a database that does not answer leaves the last values and counts the miss. */
export async function refreshDatabaseGauges(): Promise<boolean> {
  try {
    setDatabaseGauges(await readDatabaseGauges());
    return true;
  } catch {
    return false;
  }
}
