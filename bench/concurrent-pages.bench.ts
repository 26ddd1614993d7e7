// The main pages under concurrent load: autocannon on loopback against a production build,
// signed in through the real OIDC issuer, at 10 and 50 connections, beside the DB-free page.
// 210 active workspaces (with their Profiles in the cluster) and 34 pending requests are seeded.
// Target (docs/threat-model.md, performance targets): each page's p95 within 2× the DB-free page's.
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { standInFetch } from "../dev/kube-api/stand-in-fetch";
import { asOwner, ensureBuild, startBenchPortal, type BenchPortal } from "./portal";
import { percentile } from "./stats";

const PORT = Number(process.env.BENCH_LOAD_PORT ?? 3191);
const DATA_DIR = path.resolve(".data/bench-load");
// Each cell sends this many requests per connection, so a slow page is measured by as many
// answers as a fast one (a fixed duration would drop every answer slower than itself).
const ROUNDS = Number(process.env.BENCH_LOAD_ROUNDS ?? 3);
// …within this many seconds: a page slower than that is reported by the answers it gave.
const CELL_SECONDS = Number(process.env.BENCH_LOAD_CELL_SECONDS ?? 45);
const CONNECTIONS = [10, 50];
const TIMEOUT_SECONDS = 60;
const ACTIVE = 210;
const PENDING = 34;

// autocannon ships no types: the part of its API used here.
interface AutocannonInstance {
  stop(): void;
  on(event: "response", listener: (client: unknown, statusCode: number, bytes: number, responseTimeMs: number) => void): void;
}
interface AutocannonResult {
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: { url: string; connections: number; amount: number; timeout: number; headers?: Record<string, string> }) => AutocannonInstance & Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

interface LoadResult {
  route: string;
  connections: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  /** Non-2xx answers, connection errors, timeouts. */
  failed: string;
}

async function load(portal: BenchPortal, route: string, connections: number, cookie?: string): Promise<LoadResult> {
  // A slow answer is measured, not dropped as an error: autocannon's own timeout is 10 s.
  const run = (amount: number, capSeconds: number) => {
    const instance = autocannon({ url: `${portal.base}${route}`, connections, amount, timeout: TIMEOUT_SECONDS, headers: cookie ? { cookie } : {} });
    const cap = setTimeout(() => instance.stop(), capSeconds * 1000);
    void Promise.resolve(instance).finally(() => clearTimeout(cap));
    return instance;
  };
  // A short warm-up: JIT, caches and the database pool.
  await run(connections, 20);
  await settle(portal);
  const samples: number[] = [];
  const started = performance.now();
  const instance = run(connections * ROUNDS, CELL_SECONDS);
  instance.on("response", (_client, _status, _bytes, ms) => samples.push(ms));
  const result = await instance;
  const seconds = (performance.now() - started) / 1000;
  // Answers to timed-out requests may still be rendering: let them land before the next cell.
  await settle(portal);
  samples.sort((a, b) => a - b);
  return {
    route,
    connections,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    rps: samples.length / seconds,
    failed: result.non2xx + result.errors + result.timeouts === 0 ? "0" : `${result.non2xx} / ${result.errors} / ${result.timeouts}`,
  };
}

async function settle(portal: BenchPortal): Promise<void> {
  const deadline = Date.now() + TIMEOUT_SECONDS * 1000;
  while (Date.now() < deadline) {
    const start = Date.now();
    await (await fetch(`${portal.base}/api/healthz`)).arrayBuffer();
    if (Date.now() - start < 50) return;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function seed(portal: BenchPortal): Promise<void> {
  const owners = await asOwner(portal.ownerUrl, async (client) => {
    await client.query(
      `INSERT INTO workspaces (id, name, status, reason, requester_id, owner_email, tier_id, hard, generation, applied_generation, decided_by_id, decided_at, applied_at)
       SELECT gen_random_uuid(), 'load-' || n, CASE WHEN n <= $1::int THEN 'ACTIVE' ELSE 'PENDING' END::workspace_status,
              'Seeded for the load benchmark',
              CASE WHEN n % 2 = 0 THEN ada.id ELSE eve.id END, CASE WHEN n % 2 = 0 THEN ada.email ELSE eve.email END,
              tier.id, tier.hard, 1, CASE WHEN n <= $1::int THEN 1 ELSE 0 END,
              CASE WHEN n <= $1::int THEN grace.id END, CASE WHEN n <= $1::int THEN now() END, CASE WHEN n <= $1::int THEN now() END
       FROM generate_series(1, $1::int + $2::int) AS n,
            (SELECT id, email FROM users WHERE email = 'ada@example.com') AS ada,
            (SELECT id, email FROM users WHERE email = 'eve@example.com') AS eve,
            (SELECT id FROM users WHERE email = 'grace@example.com') AS grace,
            (SELECT id, hard FROM quota_tiers WHERE slug = 'small-cpu') AS tier`,
      [ACTIVE, PENDING],
    );
    const { rows } = await client.query<{ name: string; owner_email: string; hard: Record<string, string> }>(
      "SELECT name, owner_email, hard FROM workspaces WHERE status = 'ACTIVE' AND name LIKE 'load-%'",
    );
    return rows;
  });
  // Their Profiles, applied as Berth applies them, so the cluster pages read 210 of them.
  for (const row of owners) {
    const profile = {
      apiVersion: "kubeflow.org/v1",
      kind: "Profile",
      metadata: { name: row.name, labels: { "app.kubernetes.io/managed-by": "berth" } },
      spec: { owner: { kind: "User", name: row.owner_email }, resourceQuotaSpec: { hard: row.hard } },
    };
    const response = await standInFetch(portal.kube, `/apis/kubeflow.org/v1/profiles/${row.name}?fieldManager=berth&force=true`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${portal.kube.token}`, "content-type": "application/apply-patch+yaml" },
      body: JSON.stringify(profile),
    });
    if (!response.ok) throw new Error(`seeding Profile ${row.name}: ${response.status}`);
  }
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");

export async function concurrentPagesBenchmark(log: (line: string) => void): Promise<string> {
  ensureBuild(log);
  // The reconciler stays off: the pages are measured, not a pass running beside them.
  const portal = await startBenchPortal({ port: PORT, dataDir: DATA_DIR, env: { BERTH_RECONCILER: "0" } });
  try {
    const ada = await portal.signIn("ada@example.com");
    const grace = await portal.signIn("grace@example.com");
    const alan = await portal.signIn("alan@example.com");
    await portal.signIn("eve@example.com");
    log(`load: seeding ${ACTIVE} active workspaces with their Profiles and ${PENDING} pending requests`);
    await seed(portal);
    const pages: [string, string | undefined][] = [
      ["/api/healthz", undefined],
      ["/signin", undefined],
      ["/workspaces", ada],
      ["/admin/requests", grace],
      ["/admin/cluster", grace],
      ["/admin/workspaces", grace],
      ["/audit", alan],
    ];
    const loadBefore = os.loadavg().map((n) => n.toFixed(1)).join(" / ");
    const results: LoadResult[] = [];
    for (const connections of CONNECTIONS) {
      for (const [route, cookie] of pages) {
        log(`load: ${route} at ${connections} connections`);
        results.push(await load(portal, route, connections, cookie));
      }
    }
    const loadAfter = os.loadavg().map((n) => n.toFixed(1)).join(" / ");
    const rows = results.map((r) => {
      const baseline = results.find((b) => b.route === "/signin" && b.connections === r.connections)!;
      const ratio = r.p95 / baseline.p95;
      if (!Number.isFinite(ratio)) return `| ${r.route} | ${r.connections} | – | – | – | ${r.rps.toFixed(0)} | no answer measured | ${r.failed} |`;
      const dbFree = r.route === "/signin" || r.route === "/api/healthz";
      return `| ${r.route} | ${r.connections} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${r.rps.toFixed(0)} | ${dbFree ? "–" : `${ratio.toFixed(2)}×${ratio <= 2 ? "" : " **(over 2×)**"}`} | ${r.failed} |`;
    });
    return [
      "## Pages under concurrent load",
      "",
      `Production build (\`next start\`, one process) with the stand-ins, port ${PORT}, reconciler off; autocannon on loopback from the`,
      `same machine, ${ROUNDS} requests per connection per cell, stopped after ${CELL_SECONDS} s (a slower page is measured by the answers`,
      `it gave by then), after one warm-up request per connection; requests time out after ${TIMEOUT_SECONDS} s and the server drains between cells.`,
      "Signed in through the OIDC issuer's form. Requests/s: answers ÷ the cell's time.",
      `Seeded: ${ACTIVE} active workspaces (with their Profiles in the API stand-in) and ${PENDING} pending requests.`,
      `Load average (1 / 5 / 15 min) at the start of this benchmark: ${loadBefore}; at its end: ${loadAfter}. Client, server,`,
      "PostgreSQL and the API stand-in share the machine's cores, so throughput is the whole machine's, not the server's alone.",
      "",
      "The DB-free pages are `/api/healthz` (a route handler) and `/signin` (a rendered page with no database read); the",
      "ratio compares each page's p95 with `/signin`'s at the same concurrency. Target: ≤ 2×.",
      "",
      "| Page | Connections | p50 ms | p95 ms | p99 ms | Requests/s | p95 vs /signin | Non-2xx / errors / timeouts |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
      ...rows,
    ].join("\n");
  } finally {
    await portal.stop();
  }
}
