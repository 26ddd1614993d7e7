// The audit table refuses changes at the database level (THREATS 35), the database owns the
// chain so the application's own credentials cannot fabricate a position, jam or fork it
// (THREATS 60, 61), verification names the first altered row (THREATS 36), and concurrent
// writers keep one unbroken chain (THREATS 37).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/client";
import { GENESIS_HASH, hashEvent } from "./chain";
import { checkExportedHead } from "@/lib/audit-trail/head";
import { recordAuditEvent } from "./record";
import { verifyAuditChain } from "@/lib/audit-trail/chain-walk";

let asApp: pg.Client;
let asOwner: pg.Client;
beforeAll(async () => {
  asApp = new pg.Client({ connectionString: inject("stack").databaseUrl });
  asOwner = new pg.Client({ connectionString: inject("stack").ownerDatabaseUrl });
  await Promise.all([asApp.connect(), asOwner.connect()]);
  await recordAuditEvent({ action: "auth.sign_in", result: "success", actor: null, context: { requestId: "seed" } });
});
afterAll(() => Promise.all([asApp.end(), asOwner.end()]));

const head = async () => (await asApp.query<{ seq: string; hash: string }>("SELECT seq::text, hash FROM audit_chain_head WHERE id = 1")).rows[0] ?? { seq: "0", hash: GENESIS_HASH };

describe("audit_events is append-only", () => {
  it.each([
    ["UPDATE", "UPDATE audit_events SET reason = 'edited'"],
    ["DELETE", "DELETE FROM audit_events"],
    ["TRUNCATE", "TRUNCATE audit_events"],
  ])("refuses %s by the application's role", async (_op, sql) => {
    await expect(asApp.query(sql)).rejects.toThrow(/permission denied/);
  });

  it.each([
    ["UPDATE", "UPDATE audit_events SET reason = 'edited'"],
    ["DELETE", "DELETE FROM audit_events"],
    ["TRUNCATE", "TRUNCATE audit_events"],
  ])("refuses %s even by the table's owner while its triggers are on", async (_op, sql) => {
    await expect(asOwner.query(sql)).rejects.toThrow(/append-only/);
  });

  it("lets the application's role append and read", async () => {
    await expect(asApp.query("SELECT count(*) FROM audit_events")).resolves.toBeDefined();
    await expect(recordAuditEvent({ action: "auth.denied", result: "denied", actor: null, context: {} })).resolves.toBeTypeOf("bigint");
  });
});

describe("the database owns the chain (THREATS 60, 61)", () => {
  it("refuses a fabricated event hashed by the caller at head+1, and the head update that would cover it", async () => {
    const { seq, hash } = await head();
    const fields = {
      seq: BigInt(seq) + 1n,
      occurredAt: new Date(),
      actorIssuer: "http://dex",
      actorSubject: "katherine",
      actorEmail: "katherine@example.com",
      actorName: "Katherine",
      actorRoles: ["admin"],
      action: "workspace.approved",
      targetType: "workspace",
      targetId: "w-1",
      targetName: "fabricated",
      before: null,
      after: null,
      reason: null,
      result: "success",
      errorCode: null,
      requestId: null,
      clientAddress: null,
      userAgent: null,
      kubeAuditId: null,
      prevHash: hash,
    };
    const forged = hashEvent(fields);
    await expect(
      asApp.query(
        `INSERT INTO audit_events (seq, occurred_at, actor_email, actor_roles, action, target_type, target_id, target_name, result, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [fields.seq.toString(), fields.occurredAt, fields.actorEmail, fields.actorRoles, fields.action, "workspace", "w-1", "fabricated", "success", hash, forged],
      ),
    ).rejects.toThrow(/assigned by the database/);
    await expect(asApp.query("UPDATE audit_chain_head SET seq = seq + 1, hash = $1", [forged])).rejects.toThrow(/permission denied/);
    await expect(asOwner.query("UPDATE audit_chain_head SET seq = seq + 1, hash = $1", [forged])).rejects.toThrow(/moves only by appending/);
    expect(await head()).toEqual({ seq, hash });
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true });
  });

  it("refuses a row at head+3 (which would jam every later append), and later appends still work", async () => {
    const { seq } = await head();
    await expect(
      asApp.query("INSERT INTO audit_events (seq, action, result) VALUES ($1, 'auth.denied', 'denied')", [(BigInt(seq) + 3n).toString()]),
    ).rejects.toThrow(/assigned by the database/);
    await expect(asApp.query("INSERT INTO audit_events (occurred_at, action, result) VALUES (now() - interval '1 day', 'auth.denied', 'denied')")).rejects.toThrow(
      /assigned by the database/,
    );
    const next = await recordAuditEvent({ action: "auth.denied", result: "denied", actor: null, context: {} });
    expect(next).toBe(BigInt(seq) + 1n);
  });

  it("assigns position, time, previous hash and hash itself for a bare insert by the application's role", async () => {
    const before = await head();
    const { rows } = await asApp.query<{ seq: string; prev_hash: string; hash: string; occurred_at: Date }>(
      "INSERT INTO audit_events (action, result) VALUES ('auth.denied', 'denied') RETURNING seq::text, prev_hash, hash, occurred_at",
    );
    expect(rows[0]).toMatchObject({ seq: (BigInt(before.seq) + 1n).toString(), prev_hash: before.hash });
    expect(await head()).toEqual({ seq: rows[0]?.seq, hash: rows[0]?.hash });
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true });
  });

  it("refuses deleting or rewriting the head row, by the application's role and by the owner", async () => {
    await expect(asApp.query("DELETE FROM audit_chain_head")).rejects.toThrow(/permission denied/);
    await expect(asApp.query("INSERT INTO audit_chain_head (id, seq, hash) VALUES (2, 0, 'x')")).rejects.toThrow(/permission denied/);
    await expect(asOwner.query("DELETE FROM audit_chain_head")).rejects.toThrow(/moves only by appending/);
    await expect(asOwner.query("TRUNCATE audit_chain_head")).rejects.toThrow(/moves only by appending/);
  });
});

describe("the audit chain", () => {
  it("stays unbroken with many concurrent writers", async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        recordAuditEvent({ action: "auth.denied", result: "denied", actor: null, context: { requestId: `w${i}` }, reason: `writer ${i}` }),
      ),
    );
    const report = await verifyAuditChain(db);
    expect(report).toMatchObject({ intact: true });
    expect(report.count).toBe(await db.auditEvent.count());
  });

  it("names the first row altered behind the application's back", async () => {
    const { seq } = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "asc" }, skip: 1, select: { seq: true, reason: true } });
    const original = await asOwner.query("SELECT reason FROM audit_events WHERE seq = $1", [seq]);
    // Only someone with the owner's rights can do this, and only by switching the guard off.
    const tamper = async (reason: string | null) => {
      await asOwner.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete");
      await asOwner.query("UPDATE audit_events SET reason = $1 WHERE seq = $2", [reason, seq]);
      await asOwner.query("ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete");
    };
    await tamper("nothing to see here");
    try {
      const report = await verifyAuditChain(db);
      expect(report).toMatchObject({ intact: false, firstBadSeq: seq.toString(), problem: expect.stringMatching(/altered/) });
    } finally {
      await tamper(original.rows[0].reason);
    }
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true });
  });

  it("detects a chain rewritten consistently from an exported head onwards, by the exported head", async () => {
    const current = await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    const exported = { seq: current.seq, hash: current.hash };
    expect(await checkExportedHead(db, exported)).toEqual({ status: "present" });
    const last = await db.auditEvent.findUniqueOrThrow({ where: { seq: current.seq } });
    // The owner switches both guards off, rewrites the last event and recomputes its hash and the head.
    const rewritten = hashEvent({ ...last, reason: "rewritten" });
    const rewrite = async (reason: string | null, hash: string) => {
      await asOwner.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete");
      await asOwner.query("UPDATE audit_events SET reason = $1, hash = $2 WHERE seq = $3", [reason, hash, current.seq]);
      await asOwner.query("ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete");
      await asOwner.query("ALTER TABLE audit_chain_head DISABLE TRIGGER audit_chain_head_guard");
      await asOwner.query("UPDATE audit_chain_head SET hash = $1 WHERE id = 1", [hash]);
      await asOwner.query("ALTER TABLE audit_chain_head ENABLE TRIGGER audit_chain_head_guard");
    };
    await rewrite("rewritten", rewritten);
    try {
      expect(await verifyAuditChain(db)).toMatchObject({ intact: true, headHash: rewritten });
      expect(await checkExportedHead(db, exported)).toMatchObject({ status: "mismatch", message: expect.stringMatching(/rewritten/) });
    } finally {
      await rewrite(last.reason, last.hash);
    }
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true, headHash: current.hash });
  });
});
