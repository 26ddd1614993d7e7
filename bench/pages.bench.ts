// The portal as a browser sees it, on a production build with every stand-in:
// - first-load JavaScript per route (gzip) against the framework's own not-found page;
// - p95 latency of pages that read the database against a page that does not (/signin);
// - list pages with 5 and with 5,000 workspaces: latency and Kubernetes API calls while rendering.
// Targets (docs/threat-model.md, performance targets): routes within 30 KiB of the baseline;
// DB pages within 2× of the DB-free page; lists cost the same at 5 and 5,000 workspaces with
// no per-workspace API call.
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "@playwright/test";
import type { KubeApiStandIn } from "../dev/kube-api/server";
import { standInFetch } from "../dev/kube-api/stand-in-fetch";
import { asOwner, ensureBuild, startBenchPortal } from "./portal";
import { percentile } from "./stats";

const PORT = Number(process.env.BENCH_PORT ?? 3190);
const BASE = `http://localhost:${PORT}`;
const DATA_DIR = path.resolve(".data/bench-pages");
const REQUESTS = Number(process.env.BENCH_PAGE_REQUESTS ?? 200);
const KIB = 1024;

async function firstLoadJs(browser: Browser, route: string, cookie?: string): Promise<number> {
  const context = await browser.newContext({ baseURL: BASE, extraHTTPHeaders: cookie ? { cookie } : {} });
  const page = await context.newPage();
  const sizes: Promise<number>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") sizes.push(response.body().then((body) => gzipSync(body).length));
  });
  await page.goto(route, { waitUntil: "networkidle" });
  const total = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  await context.close();
  return total;
}

async function latency(route: string, cookie?: string) {
  const get = async () => {
    const response = await fetch(`${BASE}${route}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${route} answered ${response.status}`);
  };
  for (let i = 0; i < 20; i++) await get();
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const start = process.hrtime.bigint();
    await get();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** One page after another: each count is that page's own, never another render's or request's. */
async function apiCallsOfEach(kube: KubeApiStandIn, pages: [string, string][]): Promise<number[]> {
  const counts: number[] = [];
  for (const [route, cookie] of pages) counts.push(await apiCallsWhileRendering(kube, route, cookie));
  return counts;
}

async function apiCallsWhileRendering(kube: KubeApiStandIn, route: string, cookie: string): Promise<number> {
  await standInFetch(kube, "/_standin/requests", { method: "DELETE", headers: { authorization: `Bearer ${kube.controlToken}` } });
  await (await fetch(`${BASE}${route}`, { headers: { cookie } })).arrayBuffer();
  const log = (await (await standInFetch(kube, "/_standin/requests", { headers: { authorization: `Bearer ${kube.controlToken}` } })).json()) as {
    query?: Record<string, string>;
  }[];
  // A watch the reconciler (re)opens meanwhile is not the page's.
  return log.filter((entry) => !entry.query?.watch).length;
}

/** Adds seeded workspaces until `count` exist, written directly as the owner role. */
async function seedWorkspaces(ownerUrl: string, count: number): Promise<void> {
  await asOwner(ownerUrl, async (client) => {
    // Half Ada's, half Eve's, so "my workspaces" grows too; a third of them pending for the queue.
    await client.query(
      `INSERT INTO workspaces (id, name, status, reason, requester_id, owner_email, tier_id, hard)
       SELECT gen_random_uuid(), 'seed-' || n, (ARRAY['PENDING','ACTIVE','REJECTED'])[1 + n % 3]::workspace_status,
              'Seeded for the list benchmark',
              CASE WHEN n % 2 = 0 THEN ada.id ELSE eve.id END, CASE WHEN n % 2 = 0 THEN ada.email ELSE eve.email END,
              tier.id, tier.hard
       FROM generate_series((SELECT count(*) FROM workspaces WHERE name LIKE 'seed-%') + 1, $1) AS n,
            (SELECT id, email FROM users WHERE email = 'ada@example.com') AS ada,
            (SELECT id, email FROM users WHERE email = 'eve@example.com') AS eve,
            (SELECT id, hard FROM quota_tiers WHERE slug = 'small-cpu') AS tier`,
      [count],
    );
  });
}

export async function pagesBenchmark(log: (line: string) => void): Promise<string> {
  ensureBuild(log);
  const portal = await startBenchPortal({ port: PORT, dataDir: DATA_DIR });
  const { browser, kube } = portal;
  const database = { url: portal.ownerUrl };
  try {
    const ada = await portal.signIn("ada@example.com");
    const grace = await portal.signIn("grace@example.com");
    const alan = await portal.signIn("alan@example.com");
    await portal.signIn("eve@example.com");

    log("pages: first-load JavaScript");
    const baseline = await firstLoadJs(browser, "/no-such-page", ada);
    const routes: [string, string | undefined][] = [
      ["/signin", undefined],
      ["/workspaces", ada],
      ["/workspaces/new", ada],
      ["/admin/requests", grace],
      ["/admin/workspaces", grace],
      ["/notifications", ada],
      ["/audit", alan],
    ];
    const jsRows: string[] = [];
    for (const [route, cookie] of routes) {
      const size = await firstLoadJs(browser, route, cookie);
      const delta = size - baseline;
      jsRows.push(`| ${route} | ${(size / KIB).toFixed(1)} | ${(delta / KIB).toFixed(1)} | ${delta <= 30 * KIB ? "yes" : "**no**"} |`);
    }

    log("pages: latency with 5 workspaces");
    await seedWorkspaces(database.url, 5);
    const dbFree = await latency("/signin");
    const pages: [string, string][] = [
      ["/workspaces", ada],
      ["/admin/requests", grace],
      ["/audit", alan],
    ];
    const small: Record<string, { p50: number; p95: number }> = {};
    for (const [route, cookie] of pages) small[route] = await latency(route, cookie);
    const callsSmall = await apiCallsOfEach(kube, pages);

    log("pages: latency with 5,000 workspaces");
    await seedWorkspaces(database.url, 5_000);
    const large: Record<string, { p50: number; p95: number }> = {};
    for (const [route, cookie] of pages) large[route] = await latency(route, cookie);
    const callsLarge = await apiCallsOfEach(kube, pages);

    const latencyRows = pages.map(([route], i) => {
      const s = small[route] ?? { p50: NaN, p95: NaN };
      const l = large[route] ?? { p50: NaN, p95: NaN };
      const ratio = s.p95 / dbFree.p95;
      return `| ${route} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${ratio.toFixed(2)}× ${ratio <= 2 ? "" : "**(over 2×)**"} | ${l.p50.toFixed(1)} | ${l.p95.toFixed(1)} | ${callsSmall[i]} / ${callsLarge[i]} |`;
    });
    return [
      "## Pages",
      "",
      `Production build (\`next start\`) with the stand-ins, port ${PORT}; requests sent one at a time from Node on the same machine.`,
      "",
      "### First-load JavaScript (gzip)",
      "",
      `Baseline: the framework's not-found page in the same build, ${(baseline / KIB).toFixed(1)} KiB. Target: within 30 KiB of it.`,
      "",
      "| Route | KiB | over baseline, KiB | within 30 KiB |",
      "| --- | ---: | ---: | :---: |",
      ...jsRows,
      "",
      "### Latency and list cost",
      "",
      `DB-free page \`/signin\`: p50 ${dbFree.p50.toFixed(1)} ms, p95 ${dbFree.p95.toFixed(1)} ms (${REQUESTS} requests after 20 warm-up).`,
      "Target: pages that read the database within 2× of it; the same cost with 5 and 5,000 workspaces.",
      "",
      "| Page | p50 ms (5) | p95 ms (5) | p95 vs DB-free | p50 ms (5,000) | p95 ms (5,000) | API calls while rendering (5 / 5,000) |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
      ...latencyRows,
    ].join("\n");
  } finally {
    await portal.stop();
  }
}
