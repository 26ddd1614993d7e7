// The provable audit trail at scale (issue 12): on a seeded trail of BENCH_AUDIT_PROOF_EVENTS
// events (default 1,000,000), the first checkpoint over all of it, a full verification (every
// hash, the tree, every checkpoint's signature), 10,000 appends through the database's append
// trigger with and without a checkpoint being computed alongside, the checkpoint of those
// 10,000, an incremental verification of them, and inclusion-proof generation + verification.
// Its own database: it appends to the trail, which the browsing benchmark must not see.
import path from "node:path";
import { startEmbeddedPostgres } from "../dev/db/embedded-postgres";
import { migrate } from "../lib/db/migrate";
import { generateSignerKey, parseSignerKey, parseVerifierKey } from "../lib/audit/checkpoint-note";
import { leafHash, verifyInclusion } from "../lib/audit/merkle";
import { appendAuditEvent } from "../lib/audit/record";
import { verifyAuditChain } from "../lib/audit-trail/chain-walk";
import { lastCheckpoint, makeCheckpoint, type CheckpointSettings } from "../lib/audit-trail/checkpoints";
import { proveInclusion } from "../lib/audit-trail/proofs";
import type { Db } from "../lib/db/client";
import { seedAuditEvents } from "./audit-seed";
import { benchPrisma } from "./prisma";
import { percentile, timingTable, type Timing } from "./stats";

const DATA_DIR = path.resolve(process.env.BERTH_BENCH_DIR ?? ".data/bench", "..", "bench-audit-proof");
const EVENTS = Number(process.env.BENCH_AUDIT_PROOF_EVENTS ?? 1_000_000);
const NEW_EVENTS = 10_000;
const PROOFS = 200;

async function seconds(run: () => Promise<unknown>): Promise<number> {
  const start = Date.now();
  await run();
  return (Date.now() - start) / 1000;
}

function timingOf(name: string, samples: number[], note?: string): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { name, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? Number.NaN, runs: samples.length, note };
}

async function appendMany(db: Db, count: number, label: string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await db.$transaction((tx) =>
      appendAuditEvent(tx, {
        action: "workspace.approved",
        result: "success",
        actor: { issuer: "http://dex", subject: "bench", email: "admin1@example.com", name: "Admin", roles: ["admin"] },
        context: { requestId: `${label}-${i}` },
        target: { type: "workspace", id: `w-${i}`, name: `bench-${i}` },
        before: { status: "PENDING" },
        after: { status: "PROVISIONING", quota: { "requests.cpu": "4" } },
      }),
    );
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}

export async function auditProofBenchmark(log: (line: string) => void): Promise<string> {
  // Kept between runs: seeding a million events takes a quarter of an hour on a shared machine.
  const database = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "postgres"), database: "berth_bench_proof", log: console.error });
  await migrate(database.url, { appRole: "berth_app" });
  const db = benchPrisma(database.appUrl) as unknown as Db;
  const { signerKey } = generateSignerKey("bench.example/audit");
  const signer = parseSignerKey(signerKey);
  const verifier = parseVerifierKey(signer.verifierKey);
  // Due at every call: the benchmark decides when a checkpoint is made.
  const settings: CheckpointSettings = { signer, checkpointEvery: 1, checkpointIntervalMs: 1, witnessDir: path.join(DATA_DIR, "witness") };
  try {
    const seedSeconds = await seconds(() => seedAuditEvents(database.url, EVENTS, log));
    log(`  seeded ${EVENTS} in ${seedSeconds} s`);
    const firstCheckpoint = await seconds(() => makeCheckpoint(db, settings));
    log(`  first checkpoint ${firstCheckpoint} s`);
    let full: Awaited<ReturnType<typeof verifyAuditChain>> | undefined;
    const fullSeconds = await seconds(async () => (full = await verifyAuditChain(db, { verifier })));
    log(`  full verification ${fullSeconds} s`);
    const verifiedFrom = await lastCheckpoint(db);

    const plain = await appendMany(db, NEW_EVENTS / 2, "plain");
    // The other half while checkpoints of the growing tree are computed alongside, one after another.
    let stop = false;
    let checkpointsAlongside = 0;
    const alongside = (async () => {
      while (!stop) {
        const made = await makeCheckpoint(db, settings);
        if (made.made) checkpointsAlongside += 1;
      }
    })();
    const withCheckpoints = await appendMany(db, NEW_EVENTS / 2, "alongside");
    stop = true;
    await alongside;
    const tenThousandCheckpoint = await seconds(() => makeCheckpoint(db, settings));
    const headCheckpoint = await lastCheckpoint(db);
    let incremental: Awaited<ReturnType<typeof verifyAuditChain>> | undefined;
    const incrementalSeconds = await seconds(async () => (incremental = await verifyAuditChain(db, { from: verifiedFrom, verifier })));
    log(`  incremental verification ${incrementalSeconds} s`);

    const size = headCheckpoint?.treeSize ?? 1n;
    const generate: number[] = [];
    const check: number[] = [];
    for (let i = 0; i < PROOFS; i++) {
      const seq = 1n + BigInt(Math.floor(Math.random() * Number(size)));
      let start = process.hrtime.bigint();
      const proof = await proveInclusion(db, seq, verifier);
      generate.push(Number(process.hrtime.bigint() - start) / 1e6);
      const root = Buffer.from(proof.rootHash, "hex");
      const path_ = proof.proof.map((h) => Buffer.from(h, "hex"));
      start = process.hrtime.bigint();
      if (!verifyInclusion(BigInt(proof.leafIndex), BigInt(proof.treeSize), leafHash(proof.eventHash), path_, root)) throw new Error("a proof failed");
      check.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const total = Number(size);
    return [
      `## Provable audit trail at ${EVENTS.toLocaleString("en")} events`,
      "",
      `Trail: ${EVENTS.toLocaleString("en")} events seeded by \`bench/audit-seed.ts\` (${seedSeconds.toFixed(0)} s), then ${NEW_EVENTS.toLocaleString("en")} appended through`,
      "the database's append trigger (`appendAuditEvent`, one transaction each, as the app writes them). Its own database under",
      "`.data/bench-audit-proof`. Checkpoints are signed Ed25519 notes over the RFC 6962 root, computed by `makeCheckpoint` from the",
      "last checkpoint's compact range and the events since.",
      "",
      "| Measure | Result |",
      "| --- | ---: |",
      `| First checkpoint over all ${EVENTS.toLocaleString("en")} events (one-off, reads every hash) | ${firstCheckpoint.toFixed(1)} s |`,
      `| Full verification (every hash and link, the tree, every checkpoint's signature): ${full?.intact ? `${full.count.toLocaleString("en")} intact` : "BROKEN"} | ${fullSeconds.toFixed(1)} s |`,
      `| Checkpoint of the last ${NEW_EVENTS.toLocaleString("en")} events (after ${checkpointsAlongside} made alongside the appends) | ${tenThousandCheckpoint.toFixed(2)} s |`,
      `| Incremental verification from the checkpoint before the ${NEW_EVENTS.toLocaleString("en")} new events: ${incremental?.intact ? `${incremental.count.toLocaleString("en")} intact, ${incremental.checkpoints} checkpoints` : "BROKEN"} | ${incrementalSeconds.toFixed(2)} s |`,
      "",
      timingTable([
        timingOf("append one event (trigger assigns seq/hash), no checkpoint running", plain),
        timingOf("append one event while checkpoints are computed alongside", withCheckpoints, `${checkpointsAlongside} checkpoints made meanwhile`),
        timingOf(`inclusion proof: generate (DB reads, tiles) in a tree of ${total.toLocaleString("en")}`, generate),
        timingOf("inclusion proof: verify (pure)", check),
      ]),
      "",
      "Checkpoints are made by the periodic job (every N events or M minutes), not in the request's transaction: the write path's",
      "extra cost is the trigger itself and, while a checkpoint runs, sharing the machine with it (second row vs first).",
    ].join("\n");
  } finally {
    await (db as unknown as { $disconnect(): Promise<void> }).$disconnect();
    await database.stop();
  }
}
