// Readiness: the database answers, Berth's database role cannot rewrite the audit trail (unless
// BERTH_ALLOW_UNSAFE_DB_ROLE=1 says to serve anyway), the API server answers Berth (with its
// rights), and in the reconciling replica the watches follow the cluster (`watchHealth` gives
// each kind's last event and restarts). 503 names what failed, without connection strings or
// cluster URLs.
import { db } from "@/lib/db/client";
import { databaseRoleSafety } from "@/lib/db/role-safety";
import { pingCluster } from "@/lib/kube/profiles";
import { toKubeApiError } from "@/lib/kube/errors";
import { runningClusterCache, watchesReadiness } from "@/lib/kube/cluster-cache";

export const dynamic = "force-dynamic";

export async function GET() {
  const checks: Record<string, string> = {};
  const problems: string[] = [];
  try {
    await db.$queryRaw`SELECT 1`;
    checks.database = "ok";
    const role = await databaseRoleSafety();
    checks.databaseRole = role.safe ? "ok" : role.allowed ? "ok (unsafe, allowed)" : "unsafe";
    if (!role.safe) problems.push(...role.problems);
  } catch {
    checks.database = "unavailable";
  }
  try {
    await pingCluster();
    checks.cluster = "ok";
  } catch (error) {
    checks.cluster = toKubeApiError(error).failure;
  }
  checks.watches = watchesReadiness();
  const watchHealth = runningClusterCache()
    ?.health()
    .kinds.map((k) => ({ kind: k.kind, synced: k.synced, lastEventAt: k.lastEventAt, restarts: k.restarts, relists: k.relists, failures: k.consecutiveFailures }));
  const ready = Object.values(checks).every((v) => v.startsWith("ok"));
  return Response.json(
    { status: ready ? "ok" : "unavailable", checks, ...(watchHealth ? { watchHealth } : {}), ...(problems.length ? { problems } : {}) },
    { status: ready ? 200 : 503 },
  );
}
