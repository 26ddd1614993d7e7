// Readiness: the database answers and the API server answers Berth (with its rights). 503 names
// what failed, without connection strings or cluster URLs.
import { db } from "@/lib/db/client";
import { pingCluster } from "@/lib/kube/profiles";
import { toKubeApiError } from "@/lib/kube/errors";

export const dynamic = "force-dynamic";

export async function GET() {
  const checks: Record<string, string> = {};
  try {
    await db.$queryRaw`SELECT 1`;
    checks.database = "ok";
  } catch {
    checks.database = "unavailable";
  }
  try {
    await pingCluster();
    checks.cluster = "ok";
  } catch (error) {
    checks.cluster = toKubeApiError(error).failure;
  }
  const ready = Object.values(checks).every((v) => v === "ok");
  return Response.json({ status: ready ? "ok" : "unavailable", checks }, { status: ready ? 200 : 503 });
}
