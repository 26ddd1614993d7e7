// /api/metrics on the production build: the scraper's token opens it, and what the server
// answered is counted by route pattern, never by raw path (THREATS 88).
import { expect, test } from "@playwright/test";
import { E2E_METRICS_TOKEN } from "./support/metrics";

test("a scraper with the token reads requests counted by route pattern, status and method", async ({ request }) => {
  await request.get("/api/healthz");
  await request.get("/workspaces/00000000-0000-4000-8000-000000000000", { maxRedirects: 0 });
  await request.get("/no-such-page-for-the-metrics-test");
  const response = await request.get("/api/metrics", { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
  const body = await response.text();
  expect(body).toMatch(/^berth_http_requests_total\{route="\/api\/healthz",method="GET",status="200"\} \d+$/m);
  expect(body).toMatch(/^berth_http_requests_total\{route="\/workspaces\/\[id\]",method="GET",status="307"\} \d+$/m);
  expect(body).toMatch(/^berth_http_requests_total\{route="other",method="GET",status="\d+"\} \d+$/m);
  expect(body).not.toContain("no-such-page-for-the-metrics-test");
  expect(body).toMatch(/^berth_pending_requests \d+$/m);
  expect(body).toMatch(/^berth_audit_chain_length \d+$/m);
});

test("a wrong token and a session cookie are both refused", async ({ request }) => {
  expect((await request.get("/api/metrics", { headers: { authorization: "Bearer not-the-token-0123456789abcdef0123456789" } })).status()).toBe(401);
  expect((await request.get("/api/metrics")).status()).toBe(401);
});
