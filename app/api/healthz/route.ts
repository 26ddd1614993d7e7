// Liveness: the process answers. Readiness (database and cluster) is a separate probe.
export function GET() {
  return Response.json({ status: "ok" });
}
