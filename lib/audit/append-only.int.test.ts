// The audit table refuses changes at the database level (THREATS 35), and concurrent
// writers still produce one unbroken chain (THREATS 37).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { hashEvent } from "./chain";
import { recordAuditEvent } from "./record";

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await recordAuditEvent({ action: "auth.sign_in", result: "success", actor: null, context: { requestId: "seed" } });
});
afterAll(() => client.end());

describe("audit_events is append-only", () => {
  it.each([
    ["UPDATE", "UPDATE audit_events SET reason = 'edited'"],
    ["DELETE", "DELETE FROM audit_events"],
    ["TRUNCATE", "TRUNCATE audit_events"],
  ])("refuses %s", async (_op, sql) => {
    await expect(client.query(sql)).rejects.toThrow(/append-only/);
  });
});

describe("the audit chain", () => {
  it("stays unbroken with many concurrent writers", async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        recordAuditEvent({ action: "auth.denied", result: "denied", actor: null, context: { requestId: `w${i}` }, reason: `writer ${i}` }),
      ),
    );
    const events = await db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    let prev = "0".repeat(64);
    events.forEach((event, index) => {
      expect(event.seq).toBe(BigInt(index + 1));
      expect(event.prevHash).toBe(prev);
      expect(hashEvent({ ...event, actorRoles: event.actorRoles })).toBe(event.hash);
      prev = event.hash;
    });
  });
});
