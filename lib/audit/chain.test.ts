import { describe, expect, it } from "vitest";
import { canonicalJson, GENESIS_HASH, hashEvent, type ChainedFields } from "./chain";

const event: ChainedFields = {
  seq: 1n,
  occurredAt: new Date("2026-11-27T03:22:16.123Z"),
  actorIssuer: "http://localhost:5556/dex",
  actorSubject: "ada",
  actorEmail: "ada@example.com",
  actorName: "Ada",
  actorRoles: ["requester"],
  action: "workspace.requested",
  targetType: "workspace",
  targetId: "id-1",
  targetName: "team-a",
  before: null,
  after: { b: 1, a: { d: 2, c: 3 } },
  reason: "why",
  result: "success",
  errorCode: null,
  requestId: "req",
  clientAddress: "127.0.0.1",
  userAgent: "ua",
  kubeAuditId: null,
  prevHash: GENESIS_HASH,
};

describe("audit chain hashing", () => {
  it("serialises objects with sorted keys at every depth", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { z: 1, y: 2 }] } })).toBe('{"a":{"c":[3,{"y":2,"z":1}],"d":2},"b":1}');
  });

  it("gives the same hash whatever the key order of before/after", () => {
    expect(hashEvent(event)).toBe(hashEvent({ ...event, after: { a: { c: 3, d: 2 }, b: 1 } }));
  });

  it("changes the hash when any field or the previous hash changes", () => {
    const base = hashEvent(event);
    expect(hashEvent({ ...event, actorEmail: "eve@example.com" })).not.toBe(base);
    expect(hashEvent({ ...event, seq: 2n })).not.toBe(base);
    expect(hashEvent({ ...event, prevHash: "f".repeat(64) })).not.toBe(base);
    expect(hashEvent({ ...event, occurredAt: new Date("2026-11-27T03:22:16.124Z") })).not.toBe(base);
    expect(hashEvent({ ...event, reason: null })).not.toBe(base);
  });
});
