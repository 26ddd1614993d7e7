// Signed checkpoints over the Merkle tree (THREATS 63, 64), their witness copies (THREATS 66),
// proofs, incremental verification, the verification job (THREATS 68) and the offline bundle
// (THREATS 67), against the real database.
import { mkdtemp, readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/client";
import { generateSignerKey, parseSignerKey, signCheckpoint } from "@/lib/audit/checkpoint-note";
import { verifyBundle } from "@/lib/audit/bundle-verify";
import { leafHash, rootOf } from "@/lib/audit/merkle";
import { recordAuditEvent } from "@/lib/audit/record";
import { actor } from "@/test/fixtures";
import { verifyAuditChain } from "./chain-walk";
import { checkpointSettings, lastCheckpoint, makeCheckpoint } from "./checkpoints";
import { exportAuditEvents } from "./export";
import { logVerifier, proveConsistency, proveInclusion } from "./proofs";
import { startVerification } from "./verify-job";
import { WitnessForkError, publishToWitness, witnessFileName } from "./witness";

const { signerKey, verifierKey } = generateSignerKey("berth.test/audit");
let witnessDir: string;
let asOwner: pg.Client;

beforeAll(async () => {
  witnessDir = await mkdtemp(path.join(tmpdir(), "berth-witness-"));
  process.env.BERTH_AUDIT_SIGNING_KEY = signerKey;
  process.env.BERTH_AUDIT_WITNESS_DIR = witnessDir;
  process.env.BERTH_AUDIT_CHECKPOINT_EVERY = "1";
  asOwner = new pg.Client({ connectionString: inject("stack").ownerDatabaseUrl });
  await asOwner.connect();
});
afterAll(async () => {
  await asOwner.end();
  delete process.env.BERTH_AUDIT_SIGNING_KEY;
  delete process.env.BERTH_AUDIT_WITNESS_DIR;
  delete process.env.BERTH_AUDIT_CHECKPOINT_EVERY;
});

const write = (label: string) => recordAuditEvent({ action: "auth.denied", result: "denied", actor: null, context: { requestId: label } });

async function allLeaves(): Promise<Buffer[]> {
  const rows = await db.auditEvent.findMany({ orderBy: { seq: "asc" }, select: { hash: true } });
  return rows.map((row) => leafHash(row.hash));
}

describe("checkpoints", () => {
  it("8 concurrent writers still give one verifiable tree, signed, witnessed and proven", async () => {
    await Promise.all(Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; i < 40; i++) await write(`writer ${w}.${i}`);
    }));
    const outcome = await makeCheckpoint(db);
    expect(outcome).toMatchObject({ made: true, witness: "written" });
    if (!outcome.made) return;
    expect(outcome.rootHash).toBe(rootOf(await allLeaves()).toString("hex"));
    const report = await verifyAuditChain(db, { verifier: logVerifier() });
    expect(report).toMatchObject({ intact: true, checkpoints: expect.any(Number) });
    const note = await readFile(path.join(witnessDir, witnessFileName(outcome.treeSize)), "utf8");
    expect(note).toBe((await lastCheckpoint(db))?.note);
    for (const seq of [1n, outcome.treeSize / 2n, outcome.treeSize]) {
      expect(await proveInclusion(db, seq)).toMatchObject({ verified: true, treeSize: outcome.treeSize.toString() });
    }
    // 320 appends through the trigger, then a walk of the whole trail, on a shared machine.
  }, 120_000);

  it("does not sign again without new events, and refuses to without a key", async () => {
    expect(await makeCheckpoint(db)).toEqual({ made: false, reason: "no new events" });
    expect(await makeCheckpoint(db, { ...checkpointSettings(), signer: undefined })).toMatchObject({ made: false, reason: expect.stringMatching(/no signing key/) });
  });

  it("verifies incrementally from the last checkpoint, and proves the next checkpoint consistent with it", async () => {
    const first = await lastCheckpoint(db);
    for (let i = 0; i < 5; i++) await write(`after ${i}`);
    const second = await makeCheckpoint(db);
    expect(second).toMatchObject({ made: true });
    const report = await verifyAuditChain(db, { from: first, verifier: logVerifier() });
    expect(report).toMatchObject({ intact: true, count: 5, fromSize: first?.treeSize.toString(), checkpoints: 1 });
    if (!first || !second.made) return;
    expect(await proveConsistency(db, first.treeSize, second.treeSize)).toMatchObject({ verified: true });
  });

  it("refuses a second, different checkpoint of a size already witnessed: a fork", async () => {
    const last = await lastCheckpoint(db);
    if (!last) throw new Error("no checkpoint");
    const signer = parseSignerKey(signerKey);
    const fork = signCheckpoint({ origin: signer.name, size: last.treeSize, root: Buffer.alloc(32, 9), time: new Date() }, signer);
    await expect(publishToWitness(witnessDir, last.treeSize, fork)).rejects.toThrow(WitnessForkError);
    expect(await publishToWitness(witnessDir, last.treeSize, last.note)).toBe("present");
  });

  it("detects a history rewritten consistently by the owner, by the signed checkpoint it no longer matches", async () => {
    const last = await lastCheckpoint(db);
    if (!last) throw new Error("no checkpoint");
    const event = await db.auditEvent.findUniqueOrThrow({ where: { seq: last.treeSize } });
    const { hashEvent } = await import("@/lib/audit/chain");
    const rewrite = async (reason: string | null, hash: string) => {
      await asOwner.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete");
      await asOwner.query("UPDATE audit_events SET reason = $1, hash = $2 WHERE seq = $3", [reason, hash, last.treeSize]);
      await asOwner.query("ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete");
      await asOwner.query("ALTER TABLE audit_chain_head DISABLE TRIGGER audit_chain_head_guard");
      await asOwner.query("UPDATE audit_chain_head SET hash = $1 WHERE id = 1 AND seq = $2", [hash, last.treeSize]);
      await asOwner.query("ALTER TABLE audit_chain_head ENABLE TRIGGER audit_chain_head_guard");
    };
    const head = await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    expect(head.seq).toBe(last.treeSize);
    await rewrite("rewritten", hashEvent({ ...event, reason: "rewritten" }));
    try {
      expect(await verifyAuditChain(db, { verifier: logVerifier() })).toMatchObject({
        intact: false,
        firstBadSeq: last.treeSize.toString(),
        problem: expect.stringMatching(/signs a different tree than the events give/),
      });
      await expect(proveInclusion(db, last.treeSize)).rejects.toThrow(/does not reach checkpoint/);
    } finally {
      await rewrite(event.reason, event.hash);
    }
  });
});

describe("verification as a job", () => {
  it("runs in the background after a POST, records progress and its outcome, and audits both", async () => {
    const alan = await actor("alan-verify@example.com", ["requester", "auditor"]);
    const full = await startVerification(alan, { kind: "full" });
    await full.finished;
    const run = await db.auditVerifyRun.findUniqueOrThrow({ where: { id: full.id } });
    expect(run).toMatchObject({ status: "intact", fromSize: 0n, startedBy: "alan-verify@example.com" });
    expect(run.checked).toBe(run.verifiedSize);
    const events = await db.auditEvent.findMany({ where: { targetId: full.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.action, e.result])).toEqual([
      ["audit.verify_started", "success"],
      ["audit.verified", "success"],
    ]);
    await makeCheckpoint(db);
    const incremental = await startVerification(alan, { kind: "incremental" });
    await incremental.finished;
    const next = await db.auditVerifyRun.findUniqueOrThrow({ where: { id: incremental.id } });
    expect(next.status).toBe("intact");
    expect(next.fromSize).toBeGreaterThan(0n);
    expect(next.checked).toBeLessThan(run.checked);
  });
});

describe("the offline bundle", () => {
  it("exports every event and checkpoint, which the standalone verifier accepts with the published key and the witness", async () => {
    const alan = await actor("alan-bundle@example.com", ["requester", "auditor"]);
    const download = await exportAuditEvents(alan, { filter: {}, format: "bundle" });
    const text = await new Response(download.body).text();
    const witness = await Promise.all(
      (await readdir(witnessDir)).filter((f) => f.startsWith("checkpoint-")).map(async (f) => ({ source: f, note: await readFile(path.join(witnessDir, f), "utf8") })),
    );
    const report = verifyBundle(text.split("\n"), { verifierKey, extraCheckpoints: witness });
    expect(report).toMatchObject({ ok: true, problems: [] });
    expect(report.events).toBe(await db.auditEvent.count({ where: { seq: { lte: BigInt(report.events) } } }));
    expect(JSON.parse(text.split("\n")[0] ?? "{}")).toMatchObject({ type: "header", verifierKey });
  });
});
