// The audit table refuses changes at the database level (THREATS 35), verification names
// the first altered row (THREATS 36), and concurrent writers keep one unbroken chain (THREATS 37).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/client";
import { hashEvent } from "./chain";
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
  ])("refuses %s even by the table's owner", async (_op, sql) => {
    await expect(asOwner.query(sql)).rejects.toThrow(/append-only/);
  });

  it("lets the application's role append and read", async () => {
    await expect(asApp.query("SELECT count(*) FROM audit_events")).resolves.toBeDefined();
    await expect(recordAuditEvent({ action: "auth.denied", result: "denied", actor: null, context: {} })).resolves.toBeTypeOf("bigint");
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
    const head = await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    const exported = { seq: head.seq, hash: head.hash };
    expect(await checkExportedHead(db, exported)).toEqual({ status: "present" });
    const last = await db.auditEvent.findUniqueOrThrow({ where: { seq: head.seq } });
    // The owner rewrites the last event and recomputes its hash and the head: verification alone passes.
    const rewritten = hashEvent({ ...last, reason: "rewritten" });
    const rewrite = async (reason: string | null, hash: string) => {
      await asOwner.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete");
      await asOwner.query("UPDATE audit_events SET reason = $1, hash = $2 WHERE seq = $3", [reason, hash, head.seq]);
      await asOwner.query("ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete");
      await asOwner.query("UPDATE audit_chain_head SET hash = $1 WHERE id = 1", [hash]);
    };
    await rewrite("rewritten", rewritten);
    try {
      expect(await verifyAuditChain(db)).toMatchObject({ intact: true, headHash: rewritten });
      expect(await checkExportedHead(db, exported)).toMatchObject({ status: "mismatch", message: expect.stringMatching(/rewritten/) });
    } finally {
      await rewrite(last.reason, last.hash);
    }
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true, headHash: head.hash });
  });
});
