// Sign-in records the user by (issuer, subject) and audits it in the same transaction.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { recordSignIn, userIdFor } from "./sign-in";

const identity = {
  issuer: "http://localhost:5556/dex",
  subject: "CgRncmFjZRIFbG9jYWw",
  email: "grace.signin@example.com",
  name: "Grace",
  roles: ["requester", "admin"] as ("requester" | "admin")[],
};

describe("recordSignIn", () => {
  it("creates the user once, keyed by issuer and subject, and audits every sign-in", async () => {
    const first = await recordSignIn(identity, { requestId: "r1", clientAddress: "10.0.0.1", userAgent: "test" });
    const second = await recordSignIn({ ...identity, email: "grace.new@example.com" }, { requestId: "r2" });
    expect(second).toBe(first);
    const user = await db.user.findUniqueOrThrow({ where: { id: first } });
    expect(user).toMatchObject({ email: "grace.new@example.com", emailVerified: true, lastRoles: ["requester", "admin"] });
    const events = await db.auditEvent.findMany({ where: { action: "auth.sign_in", targetId: first }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.requestId, e.actorSubject, e.actorRoles])).toEqual([
      ["r1", identity.subject, ["requester", "admin"]],
      ["r2", identity.subject, ["requester", "admin"]],
    ]);
    expect(events[0]).toMatchObject({ clientAddress: "10.0.0.1", userAgent: "test", actorIssuer: identity.issuer });
  });

  it("treats the same subject from another issuer as another person", async () => {
    const a = await userIdFor({ ...identity, subject: "same-sub" });
    const b = await userIdFor({ ...identity, subject: "same-sub", issuer: "https://other.example/dex" });
    expect(a).not.toBe(b);
    expect(await userIdFor({ ...identity, subject: "same-sub" })).toBe(a);
  });
});
