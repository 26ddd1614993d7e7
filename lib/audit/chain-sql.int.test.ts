// The database's hash (migration 0011, audit_event_hash) and hashEvent() in chain.ts agree
// on every kind of content, so the offline verifier can recompute what the database wrote
// (THREATS 60).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { hashEvent } from "./chain";
import { recordAuditEvent } from "./record";

const awkward = {
  unicode: "Zoë — 名前 😀",
  control: "line\nbreak\ttab\u0001\u001f\"quote\\slash",
  nested: { z: [1, 2.5, -3, true, false, null, { b: 1, a: "x" }], a: {}, "": [] },
  keys: { B: 1, a: 2, _: 3, "10": 4, "9": 5, é: 6 },
  big: 9_007_199_254_740_991,
  small: 0.000001,
};

describe("the chain hash in SQL and TypeScript", () => {
  it.each([
    ["awkward JSON and text", { before: awkward, after: [awkward, "x"], reason: awkward.control, targetName: awkward.unicode }],
    ["nulls everywhere", { before: undefined, after: undefined, reason: undefined, targetName: undefined }],
    ["scalars as JSON", { before: "text", after: 42, reason: "", targetName: "" }],
  ])("agree on %s", async (_name, content) => {
    const seq = await recordAuditEvent({
      action: "auth.denied",
      result: "denied",
      actor: { issuer: "http://dex", subject: "s\u00e9", email: "a@example.com", name: awkward.unicode, roles: ["requester", "admin"] },
      context: { requestId: "r", clientAddress: "2001:db8::1", userAgent: "UA \"quoted\"" },
      target: { type: "workspace", id: "w", name: content.targetName },
      before: content.before,
      after: content.after,
      reason: content.reason,
      kubeAuditId: "k",
    });
    const row = await db.auditEvent.findUniqueOrThrow({ where: { seq } });
    expect(hashEvent(row)).toBe(row.hash);
  });
});
