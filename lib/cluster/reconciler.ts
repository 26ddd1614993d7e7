// The reconciler: one pass retries every workspace whose desired state the cluster has not
// confirmed (when its backoff allows), then scans the cluster for drift. Exactly one process
// runs passes at a time, across replicas: the holder of a PostgreSQL advisory lock.
import { dueGrants, syncGrant } from "@/lib/access/cluster-sync";
import { scanAccess } from "@/lib/access/drift";
import { databaseSettings } from "@/lib/config";
import "server-only";
import pg from "pg";
import type { AuditActor } from "@/lib/model/audit-event";
import { db } from "@/lib/db/client";
import { toKubeApiError } from "@/lib/kube/errors";
import { attemptWorkspace, RECONCILE_CHANNEL, type Attempter, type ProvisionOutcome } from "@/lib/reconcile/provision";
import { RECONCILED_STATUSES } from "@/lib/model/workspace-status";
import { log } from "@/lib/telemetry/logger";
import { checkPosture } from "./posture";
import { saveLastScan } from "./last-scan";
import { scanCluster, type ClusterScan } from "./scan";
import type { ClusterSnapshot } from "@/lib/kube/snapshot";
import { recordUsageSamples } from "./usage-samples";

/** Any constant; the same in every replica. Distinct from the migration runner's. */
export const RECONCILER_LOCK_KEY = 7_342_002;

/** The reconciler acts in no person's name; its audit events say so. */
export const RECONCILER_ACTOR: AuditActor = { issuer: "berth", subject: "reconciler", email: "reconciler@berth.local", roles: ["system"] };
const BY: Attempter = { actor: RECONCILER_ACTOR, context: { requestId: "reconciler" } };

export interface PassReport {
  attempted: { id: string; outcome: ProvisionOutcome["status"] }[];
  drifted: number;
  unmanaged: number;
  /** Access grants whose RoleBinding/AuthorizationPolicy were (re)applied or removed, and access drift found. */
  access: { attempted: number; findings: number };
  /** Set when the cluster scan failed: the admins' banner shows it. */
  scanError?: { failure: string; message: string };
  /** Posture checks answering fail on this pass. */
  postureFailing: string[];
}

export interface PassOptions {
  now?: Date;
  limit?: number;
  /** The informers' snapshot: the scan then makes no API call. */
  snapshot?: ClusterSnapshot;
  /**
   * A pass woken by watch events (or an approval) for these workspaces: only they are attempted,
   * the drift scan runs from the cache, and the access, usage and posture work waits for the
   * periodic pass.
   */
  names?: string[];
  /** Woken by a change to a RoleBinding or AuthorizationPolicy: the access scan runs too, from the cache. */
  accessChanged?: boolean;
}

export async function reconcileOnce(options: PassOptions = {}): Promise<PassReport> {
  const now = options.now ?? new Date();
  const names = options.names;
  const due = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM workspaces
    WHERE applied_generation < generation AND NOT blocked AND decided_by_id IS NOT NULL
      AND status::text = ANY(${RECONCILED_STATUSES as string[]})
      AND (next_attempt_at IS NULL OR next_attempt_at <= ${now})
      AND (${names === undefined} OR name = ANY(${names ?? []}::text[]))
    ORDER BY next_attempt_at NULLS FIRST
    LIMIT ${options.limit ?? 50}`;
  const report: PassReport = { attempted: [], drifted: 0, unmanaged: 0, postureFailing: [], access: { attempted: 0, findings: 0 } };
  for (const { id } of due) {
    const outcome = await attemptWorkspace(BY, id, now);
    report.attempted.push({ id, outcome: outcome.status });
  }
  if (names !== undefined) return eventScan(report, options, now);
  for (const id of await dueGrants(now, options.limit ?? 50)) {
    await syncGrant(BY, id, now);
    report.access.attempted += 1;
  }
  let scan: ClusterScan | Error | undefined;
  try {
    scan = await scanCluster(BY, options.snapshot);
    report.drifted = scan.drifted.length;
    report.unmanaged = scan.unmanaged.length;
    await saveLastScan(now, options.snapshot ? "watch" : "list", scan);
    report.access.findings = (await scanAccess(BY, options.snapshot?.access)).length;
    // Usage over time comes from the same list of quotas; losing a sample never fails the pass.
    await recordUsageSamples(scan.snapshot, now).catch((error: unknown) => log.error("usage sampling failed", { error }));
  } catch (error) {
    const mapped = toKubeApiError(error);
    report.scanError = { failure: mapped.failure, message: mapped.message };
    // A failed access scan keeps the cluster scan the posture reuses.
    if (!scan) await saveLastScan(now, "list", { error: report.scanError }).catch(() => undefined);
    scan ??= mapped;
  }
  // The posture reuses this pass's scan; its own reads degrade to "unknown", never fail the pass.
  report.postureFailing = (await checkPosture(BY, scan)).filter((check) => check.state === "fail").map((check) => check.id);
  return report;
}

/** The drift scan of an event pass (and its access scan, when access changed): from the cache only, recorded like a full pass's. */
async function eventScan(report: PassReport, { snapshot, accessChanged }: PassOptions, now: Date): Promise<PassReport> {
  if (!snapshot) return report;
  const scan = await scanCluster(BY, snapshot);
  report.drifted = scan.drifted.length;
  report.unmanaged = scan.unmanaged.length;
  await saveLastScan(now, "watch", scan);
  if (accessChanged && snapshot.access) report.access.findings = (await scanAccess(BY, snapshot.access)).length;
  return report;
}

/** A session-level advisory lock on its own connection: released when the connection ends. */
export class ReconcilerLock {
  private client: pg.Client | undefined;

  /**
   * `onWake`: the leader also LISTENs on RECONCILE_CHANNEL, where an approval in any replica
   * names the workspace it just applied, so that its confirmation need not wait for a pass.
   */
  constructor(
    private readonly connectionString = databaseSettings().url,
    private readonly onWake?: (workspaceName: string) => void,
  ) {}

  get held(): boolean {
    return this.client !== undefined;
  }

  async tryAcquire(): Promise<boolean> {
    if (this.client) return true;
    const client = new pg.Client({ connectionString: this.connectionString });
    // A lost connection loses the lock: stop acting as the leader.
    client.on("error", () => void this.drop(client));
    await client.connect();
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [RECONCILER_LOCK_KEY]);
    if (rows[0]?.locked) {
      this.client = client;
      if (this.onWake) {
        const onWake = this.onWake;
        client.on("notification", (message) => message.channel === RECONCILE_CHANNEL && message.payload && onWake(message.payload));
        await client.query(`LISTEN ${RECONCILE_CHANNEL}`);
      }
      return true;
    }
    await client.end();
    return false;
  }

  async release(): Promise<void> {
    const client = this.client;
    if (!client) return;
    await client.query("SELECT pg_advisory_unlock($1)", [RECONCILER_LOCK_KEY]).catch(() => undefined);
    await this.drop(client);
  }

  private async drop(client: pg.Client): Promise<void> {
    if (this.client === client) this.client = undefined;
    await client.end().catch(() => undefined);
  }
}

/** One pass if this process can take the lock, else nothing: for `npm run reconcile` and tests. */
export async function reconcileIfLeader(options: { now?: Date } = {}): Promise<PassReport | "not-leader"> {
  const lock = new ReconcilerLock();
  if (!(await lock.tryAcquire())) return "not-leader";
  try {
    return await reconcileOnce(options);
  } finally {
    await lock.release();
  }
}
