// /api/metrics against the real database and the API stand-in: hidden without a token, 401
// without the right one, and with it the counters the code paths record and the gauges read
// from the database at scrape time (THREATS 88).
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { pingCluster } from "@/lib/kube/profiles";
import { getDeliverySummary } from "@/lib/notifications/queries";
import { actor, standIn } from "@/test/fixtures";
import { GET as metrics } from "./route";

const TOKEN = "metrics-token-for-the-integration-test-0123456789";
const scrape = (authorization?: string) => metrics(new Request("http://berth.test/api/metrics", { headers: authorization ? { authorization } : {} }));
const sample = (body: string, series: string) => Number(body.split("\n").find((line) => line.startsWith(`${series} `))?.split(" ")[1] ?? NaN);

afterEach(() => {
  delete process.env.BERTH_METRICS_TOKEN;
  return standIn.clearFaults();
});

describe("/api/metrics (THREATS 88)", () => {
  it("answers 404 while no token is configured, and 401 to a request without the token", async () => {
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
    process.env.BERTH_METRICS_TOKEN = TOKEN;
    const missing = await scrape();
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await missing.text()).not.toContain("berth_");
    expect((await scrape(`Bearer ${TOKEN.slice(0, -1)}`)).status).toBe(401);
  });

  it("reports operations by outcome, Kubernetes API errors by reason, and the database's gauges", async () => {
    process.env.BERTH_METRICS_TOKEN = TOKEN;
    const before = await (await scrape(`Bearer ${TOKEN}`)).text();
    const requester = await actor("metrics-requester@example.com");
    await expect(getDeliverySummary(requester, {})).rejects.toThrow();
    await standIn.injectFault({ method: "GET", count: 1, status: 403 });
    await expect(pingCluster()).rejects.toThrow();

    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await response.text();
    const forbidden = 'berth_operations_total{operation="notification.read-delivery",outcome="forbidden"}';
    expect(sample(body, forbidden)).toBe((sample(before, forbidden) || 0) + 1);
    const kubeForbidden = 'berth_kube_api_errors_total{reason="forbidden"}';
    expect(sample(body, kubeForbidden)).toBe((sample(before, kubeForbidden) || 0) + 1);

    const pending = await db.workspace.count({ where: { status: "PENDING" } });
    const head = await db.auditChainHead.findFirst();
    expect(sample(body, "berth_pending_requests")).toBe(pending);
    expect(sample(body, "berth_audit_chain_length")).toBeGreaterThanOrEqual(Number(head?.seq ?? 0));
    expect(body).toMatch(/^berth_notification_backlog\{state="waiting"\} \d+$/m);
    // No person, email or workspace name is ever a label.
    expect(body).not.toMatch(/@example\.com/);
  });
});
