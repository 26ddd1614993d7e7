// The reconciler at scale and its reaction time, against the API stand-in over HTTPS:
// - approval → Active latency, with watches and with the periodic pass alone;
// - drift detection latency (a foreign edit of a Profile's quota → drift recorded), both ways;
// - one pass with 10,000 workspaces: API calls, time and RSS, listing the cluster vs the informers' cache.
import { randomUUID } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { startEmbeddedPostgres } from "../dev/db/embedded-postgres";
import { startKubeApiStandIn } from "../dev/kube-api/server";
import { standInFetch } from "../dev/kube-api/stand-in-fetch";
import { migrate } from "../lib/db/migrate";
import { percentile } from "./stats";

const DATA_DIR = path.resolve(".data/bench-reconcile");
const LATENCY_RUNS = Number(process.env.BENCH_RECONCILE_RUNS ?? 10);
const SCALE = Number(process.env.BENCH_RECONCILE_WORKSPACES ?? 10_000);
/** The default interval of the periodic pass (BERTH_RECONCILE_INTERVAL_MS). */
const INTERVAL_MS = 15_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? Number.NaN };
}

/**
 * Two parts, each run in a process of its own by bench/run.ts: "latency" on a small cluster, "scale" with
 * SCALE workspaces (the API stand-in shares the benchmark's process, so a 10,000-object cluster would slow
 * the latencies by the stand-in's own work, not Berth's).
 */
export async function reconcileBenchmark(log: (line: string) => void, part: "latency" | "scale"): Promise<string> {
  await rm(DATA_DIR, { recursive: true, force: true });
  await mkdir(DATA_DIR, { recursive: true });
  const database = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "postgres"), log: console.error });
  await migrate(database.url, { appRole: "berth_app" });
  const stateFile = path.join(DATA_DIR, "kube-state.json");
  process.env.DATABASE_URL = database.appUrl;
  process.env.BERTH_CHANGE_RATE_LIMIT = "1000000";
  process.env.BERTH_RECONCILE_INTERVAL_MS = String(INTERVAL_MS);
  const { db } = await import("../lib/db/client");
  const tier = await db.quotaTier.findFirstOrThrow({ where: { slug: "small-cpu" } });

  // The cluster of SCALE confirmed workspaces, written as the stand-in's state file (its own
  // format: what it would hold after SCALE approvals), and the same rows in the database.
  const kubeconfigPath = path.join(DATA_DIR, "kubeconfig");
  if (part === "scale") await seedCluster(stateFile, tier, SCALE);
  const kube = await startKubeApiStandIn(part === "scale" ? { kubeconfigPath, seedFile: stateFile } : { kubeconfigPath });
  process.env.KUBECONFIG = kube.kubeconfigPath;
  const requests = async (): Promise<{ method: string; path: string }[]> =>
    (await (await standInFetch(kube, "/_standin/requests", { headers: { authorization: `Bearer ${kube.controlToken}` } })).json()) as { method: string; path: string }[];
  const clearRequests = () => standInFetch(kube, "/_standin/requests", { method: "DELETE", headers: { authorization: `Bearer ${kube.controlToken}` } });

  try {
    const { reconcileOnce } = await import("../lib/cluster/reconciler");
    const { ClusterCache } = await import("../lib/kube/cluster-cache");
    const { startReconcilerLoop } = await import("../lib/jobs/loop");
    const { requestWorkspace } = await import("../lib/workspaces/request");
    const { approveWorkspace } = await import("../lib/workspaces/decide");
    const { applyProfile, buildProfile } = await import("../lib/kube/profiles");

    const users = await seedUsers(db);
    // Latencies (part "latency"), with the loop running as the app runs it.
    const approvals = async (watches: boolean) => {
      const stop = startReconcilerLoop({ watches, log: () => undefined });
      await sleep(watches ? 3_000 : 500);
      const samples: number[] = [];
      for (let i = 0; i < LATENCY_RUNS; i++) {
        const requester = await users.requester(i, watches);
        const { id } = await requestWorkspace(requester, { name: `lat-${randomUUID().slice(0, 10)}`, tier: "small-cpu", reason: "benchmark" });
        // Spread over the pass interval, as approvals come whenever admins act.
        if (!watches) await sleep(Math.random() * 2_000);
        const t0 = performance.now();
        await approveWorkspace(users.admin, { workspaceId: id });
        while ((await db.workspace.findUniqueOrThrow({ where: { id }, select: { status: true } })).status !== "ACTIVE") await sleep(5);
        samples.push(performance.now() - t0);
      }
      await stop();
      return summary(samples);
    };
    const drift = async (watches: boolean) => {
      const stop = startReconcilerLoop({ watches, log: () => undefined });
      await sleep(watches ? 3_000 : 500);
      const rows = await db.workspace.findMany({ where: { status: "ACTIVE", drift: null, name: { startsWith: "lat-" } }, take: LATENCY_RUNS, select: { id: true, name: true, ownerEmail: true } });
      const samples: number[] = [];
      for (const row of rows) {
        if (!watches) await sleep(Math.random() * 2_000);
        // Someone else's field manager raises the quota behind Berth's back.
        const foreign = buildProfile({ workspaceId: row.id, name: row.name, ownerEmail: row.ownerEmail, tierSlug: "small-cpu", hard: { "requests.cpu": "64" }, approvedBy: "x" });
        const t0 = performance.now();
        await applyProfile(foreign);
        while ((await db.workspace.findUniqueOrThrow({ where: { id: row.id }, select: { drift: true } })).drift === null) await sleep(5);
        samples.push(performance.now() - t0);
      }
      await stop();
      return summary(samples);
    };
    // Latencies first, while the database knows only the workspaces they create (the cluster's
    // SCALE Profiles are unmanaged until then, which costs the passes little).
    const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(0)} ms`);
    const row = (name: string, s: ReturnType<typeof summary>) => `| ${name} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.max)} |`;
    if (part === "latency") {
    log("reconcile: approval → Active with watches");
    const activeWatch = await approvals(true);
    log("reconcile: approval → Active with the periodic pass only");
    const activePoll = await approvals(false);
    log("reconcile: drift detection with watches");
    const driftWatch = await drift(true);
    log("reconcile: drift detection with the periodic pass only");
    const driftPoll = await drift(false);
    await db.$disconnect();
    return [
      "## Reconciler: watches vs the periodic pass",
      "",
      "Against the API stand-in over HTTPS, the reconciler loop as the app runs it (`startReconcilerLoop`), periodic pass every",
      `${INTERVAL_MS / 1000} s (the default). ${LATENCY_RUNS} runs each; with the periodic pass alone, each approval or edit comes at a random`,
      "moment, as an admin's would. Approval → Active: from calling `approveWorkspace` until the row reads ACTIVE. Drift: from a",
      "forced apply raising a Profile's `requests.cpu` behind the reconciler's back until the workspace's drift is recorded (and audited).",
      "",
      "| Latency | p50 | p95 | max |",
      "| --- | ---: | ---: | ---: |",
      row("approval → Active, watches", activeWatch),
      row("approval → Active, periodic pass only", activePoll),
      row("drift detected, watches", driftWatch),
      row("drift detected, periodic pass only", driftPoll),
      "",
      `p95 with watches vs the periodic pass alone: approval → Active ${(activePoll.p95 / activeWatch.p95).toFixed(0)}× faster, drift ${(driftPoll.p95 / driftWatch.p95).toFixed(0)}× faster.`,
    ].join("\n");
    }
    // The database rows of the SCALE workspaces the cluster holds: until now they were unmanaged Profiles.
    await seedDatabase(db, tier, SCALE);

    // One pass with SCALE workspaces: first listing the cluster (as before watches), then from the cache.
    log(`reconcile: first pass over ${SCALE} workspaces (records the seeded state)`);
    await reconcileOnce();
    await clearRequests();
    const rssBefore = process.memoryUsage().rss;
    let started = performance.now();
    await reconcileOnce();
    const listPassMs = performance.now() - started;
    const listCalls = (await requests()).length;
    const listRss = process.memoryUsage().rss;

    started = performance.now();
    const cache = new ClusterCache();
    cache.start();
    await cache.waitForSync(120_000);
    const syncMs = performance.now() - started;
    await clearRequests();
    started = performance.now();
    await reconcileOnce({ snapshot: cache.snapshot() });
    const cachePassMs = performance.now() - started;
    const cacheCalls = (await requests()).filter((r) => !r.path.includes("watch=")).length;
    const cacheRss = process.memoryUsage().rss;
    started = performance.now();
    await reconcileOnce({ snapshot: cache.snapshot(), names: ["no-such-workspace"] });
    const eventPassMs = performance.now() - started;
    const eventCalls = (await requests()).filter((r) => !r.path.includes("watch=")).length - cacheCalls;
    await cache.stop();
    log(`reconcile: list pass ${listPassMs.toFixed(0)} ms / ${listCalls} calls; cache pass ${cachePassMs.toFixed(0)} ms / ${cacheCalls} calls`);

    await db.$disconnect();
    return [
      `## Reconciler: one pass over ${SCALE.toLocaleString("en")} workspaces`,
      "",
      `${SCALE.toLocaleString("en")} confirmed workspaces (Profile, namespace, kf-resource-quota, berth-egress and berth-defaults each) in the API`,
      "stand-in (started from a state file, in the benchmark's process) and in the database.",
      "",
      "| One pass over all workspaces | API calls | time | RSS after |",
      "| --- | ---: | ---: | ---: |",
      `| listing the cluster (five paged LISTs, 500 a page, plus access and posture reads) | ${listCalls} | ${ms(listPassMs)} | ${mib(listRss)} MiB |`,
      `| from the informers' cache (the pass with watches) | ${cacheCalls} | ${ms(cachePassMs)} | ${mib(cacheRss)} MiB |`,
      `| woken by a watch event (one workspace attempted, drift scan from the cache) | ${eventCalls} | ${ms(eventPassMs)} | |`,
      "",
      `RSS before the measured passes: ${mib(rssBefore)} MiB. The informers' first list of every kind they follow took ${ms(syncMs)}. Listing costs`,
      "calls in proportion to the cluster (a page per 500 objects per kind); from the cache a pass costs the same calls whatever",
      "the number of workspaces (the posture reads of the periodic pass), and a pass woken by an event none.",
    ].join("\n");
  } finally {
    await kube.stop();
    await database.stop();
  }
}

interface TierRow {
  id: string;
  hard: unknown;
  containerDefaults: unknown;
  podSecurity: string;
  egressAllow: unknown;
}

async function seedCluster(stateFile: string, tier: TierRow, count: number): Promise<void> {
  const { buildEgressPolicy } = await import("../lib/kube/network-policies");
  const { buildLimitRange } = await import("../lib/kube/limit-ranges");
  const { podSecurityLabels } = await import("../lib/kube/namespaces");
  const { guardrailSettings } = await import("../lib/config");
  const { toGuardrails } = await import("../lib/tiers/guardrails");
  const guardrails = toGuardrails(tier.podSecurity as never, tier.egressAllow as never);
  const settings = guardrailSettings();
  const hard = tier.hard as Record<string, string>;
  const now = new Date().toISOString();
  let rv = 1;
  const meta = (name: string, namespace?: string, extra: Record<string, unknown> = {}) => ({
    name,
    ...(namespace ? { namespace } : {}),
    uid: randomUUID(),
    resourceVersion: String(rv++),
    creationTimestamp: now,
    ...extra,
  });
  const objects: Record<string, unknown[]> = { profiles: [], namespaces: [], resourcequotas: [], networkpolicies: [], limitranges: [] };
  for (let i = 0; i < count; i++) {
    const name = seedName(i);
    const id = seedId(i);
    objects.profiles?.push({
      apiVersion: "kubeflow.org/v1",
      kind: "Profile",
      metadata: meta(name, undefined, { labels: { "app.kubernetes.io/managed-by": "berth", "berth.io/workspace-id": id, "berth.io/tier": "small-cpu" } }),
      spec: { owner: { kind: "User", name: `${name}@example.com` }, resourceQuotaSpec: { hard } },
    });
    objects.namespaces?.push({ metadata: meta(name, undefined, { labels: { "kubernetes.io/metadata.name": name, ...podSecurityLabels(guardrails.podSecurity) } }), spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } });
    objects.resourcequotas?.push({ metadata: meta("kf-resource-quota", name), spec: { hard }, status: { hard, used: {} } });
    const policy = buildEgressPolicy(name, { allow: guardrails.egressAllow, namespaces: settings.egressNamespaces, dnsNamespace: settings.dnsNamespace });
    objects.networkpolicies?.push({ metadata: meta(policy.metadata.name, name), spec: policy.spec });
    if (tier.containerDefaults) {
      const range = buildLimitRange(name, tier.containerDefaults as never);
      objects.limitranges?.push({ metadata: meta(range.metadata.name, name), spec: range.spec });
    }
  }
  await writeFile(stateFile, JSON.stringify({ kind: "BerthKubeApiStandInState", version: 1, resourceVersion: rv, objects }));
}

const seedName = (i: number) => `seed-${String(i).padStart(5, "0")}`;
const seedId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;

async function seedUsers(db: typeof import("../lib/db/client").db) {
  const issuer = "bench";
  const user = async (email: string, roles: ("requester" | "admin")[]) => {
    const row = await db.user.upsert({
      where: { issuer_subject: { issuer, subject: email } },
      create: { issuer, subject: email, email, emailVerified: true, name: email, lastRoles: roles },
      update: {},
      select: { id: true },
    });
    return { actor: { userId: row.id, issuer, subject: email, email, name: email, roles }, meta: { requestId: randomUUID() } };
  };
  const admin = await user("bench-admin@example.com", ["requester", "admin"]);
  const requesters = new Map<string, Awaited<ReturnType<typeof user>>>();
  return {
    admin,
    user,
    requester: async (i: number, watches: boolean) => {
      const email = `lat-${watches ? "w" : "p"}-${i}@example.com`;
      if (!requesters.has(email)) requesters.set(email, await user(email, ["requester"]));
      return requesters.get(email) as Awaited<ReturnType<typeof user>>;
    },
  };
}

async function seedDatabase(db: typeof import("../lib/db/client").db, tier: TierRow, count: number) {
  const users = await seedUsers(db);
  const owner = await users.user("seed-owner@example.com", ["requester"]);
  await db.$executeRaw`
    INSERT INTO workspaces (id, name, status, reason, requester_id, owner_email, tier_id, hard, decided_by_id, decided_at, generation, applied_generation)
    SELECT ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'seed-' || lpad(i::text, 5, '0'), 'ACTIVE', 'seed',
      ${owner.actor.userId}::uuid, 'seed-' || lpad(i::text, 5, '0') || '@example.com', ${tier.id}::uuid, ${JSON.stringify(tier.hard)}::jsonb,
      ${users.admin.actor.userId}::uuid, now(), 1, 1
    FROM generate_series(0, ${count - 1}) AS i`;
}
