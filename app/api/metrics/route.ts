// Prometheus scrapes this (deploy/examples/servicemonitor.example.yaml). Never public: without
// BERTH_METRICS_TOKEN configured it answers 404 as if it did not exist, and with one a request
// without that bearer token gets 401 (THREATS 88). Nothing here names a person or a workspace.
import { telemetrySettings } from "@/lib/config";
import { refreshDatabaseGauges } from "@/lib/metrics/gauges";
import { checkBearer } from "@/lib/telemetry/bearer";
import { metrics, renderMetrics } from "@/lib/telemetry/metrics";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const access = checkBearer(request.headers.get("authorization"), telemetrySettings().metricsToken);
  if (access === "no_token_configured") return new Response("Not found.\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  if (access === "refused") {
    return new Response("A bearer token is required.\n", { status: 401, headers: { "content-type": "text/plain; charset=utf-8", "www-authenticate": 'Bearer realm="berth-metrics"' } });
  }
  if (!(await refreshDatabaseGauges())) metrics().scrapeErrors.inc();
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
