// The attacks from issue 12 on the trail's size and its denial limiter (THREATS 62, 65):
// refused junk fields no longer make large rows, and forged X-Forwarded-For values no longer
// give an anonymous caller a fresh limiter key per request.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { clientAddressFrom } from "@/lib/auth/client-address";
import { parseInput } from "@/lib/model/validation";
import { actor } from "@/test/fixtures";
import { recordActionFailure } from "./failures";
import { recordDenial } from "./denials";

describe("bounded audit rows", () => {
  it("stores 115 junk fields of 8,000 characters as a count, in a small row", async () => {
    const ada = await actor("ada-bounds@example.com");
    const junk = Object.fromEntries(Array.from({ length: 115 }, (_, i) => [`${i}${"j".repeat(7_999)}`, "x"]));
    let error: unknown;
    try {
      parseInput(z.strictObject({ name: z.string() }), { name: "ok", ...junk });
    } catch (caught) {
      error = caught;
    }
    await recordActionFailure({ title: `bounds probe ${Date.now()}` }, ada, error);
    const row = await db.auditEvent.findFirstOrThrow({ where: { actorEmail: "ada-bounds@example.com", action: "action.failed" }, orderBy: { seq: "desc" } });
    expect(row.after).toMatchObject({ unknownFields: { count: 115, sample: expect.any(Array) } });
    const [size] = await db.$queryRaw<{ bytes: number }[]>`SELECT pg_column_size(a.*)::int AS bytes FROM audit_events a WHERE seq = ${row.seq}`;
    expect(size?.bytes).toBeLessThan(2_000);
  });
});

describe("the denial limiter keys on the trusted client address", () => {
  it("300 anonymous denials with forged X-Forwarded-For write at most 3 rows (1st, 10th, 100th)", async () => {
    const operation = `forged-xff probe ${Date.now()}`;
    for (let i = 0; i < 300; i++) {
      const clientAddress = clientAddressFrom(`10.${i >> 8}.${i & 255}.1`, 0);
      await recordDenial({ operation, actor: null, context: { clientAddress }, reason: operation });
    }
    expect(await db.auditEvent.count({ where: { reason: operation } })).toBe(3);
  });
});
