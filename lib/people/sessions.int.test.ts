// Revocable sessions (THREATS 74): a session belongs to its person's epoch; signing out, an
// admin ending the person's sessions, or Dex saying the email is no longer verified moves the
// epoch on (or marks the row), and every older session is refused at its next request.
import { describe, expect, it } from "vitest";
import { revokeUnverified, sessionIsCurrent } from "@/lib/auth/revocation";
import { standingOf } from "@/lib/auth/sign-in";
import { db } from "@/lib/db/client";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/model/errors";
import { actor, uniqueName } from "@/test/fixtures";
import { endPersonSessions, listPeople } from "./sessions";

const identityOf = async (email: string) => {
  const ctx = await actor(email);
  return { ...ctx.actor, name: ctx.actor.name ?? null, rolesVerifiedAt: 0 };
};

describe("revocable sessions (THREATS 74)", () => {
  it("an admin ends every session of a person: older sessions stop, a new sign-in works, audited", async () => {
    const email = `${uniqueName("ada")}@example.com`;
    const identity = await identityOf(email);
    const before = await standingOf(identity);
    const session = { sessionEpoch: before.sessionEpoch };
    expect(sessionIsCurrent(session, before)).toBe(true);

    const admin = await actor(`${uniqueName("grace")}@example.com`, ["requester", "admin"]);
    await expect(endPersonSessions(admin, { userId: before.id })).resolves.toEqual({ email });

    const after = await standingOf(identity);
    expect(sessionIsCurrent(session, after)).toBe(false);
    // A later sign-in carries the new epoch.
    expect(sessionIsCurrent({ sessionEpoch: after.sessionEpoch }, after)).toBe(true);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "auth.sessions_ended", targetId: before.id } });
    expect(event).toMatchObject({ actorEmail: admin.actor.email, result: "success", targetName: email });
    expect(event.after).toEqual({ sessionEpoch: before.sessionEpoch + 1 });
  });

  it("treats a cookie from before epochs existed as epoch 0", async () => {
    const standing = await standingOf(await identityOf(`${uniqueName("old")}@example.com`));
    expect(sessionIsCurrent({}, standing)).toBe(true);
    expect(sessionIsCurrent({}, { ...standing, sessionEpoch: 1 })).toBe(false);
  });

  it("ends every session when Dex says the email is no longer verified, until a verified sign-in", async () => {
    const identity = await identityOf(`${uniqueName("eve")}@example.com`);
    const before = await standingOf(identity);
    expect(await revokeUnverified(identity.issuer, identity.subject)).toBe(true);
    const after = await standingOf(identity);
    expect(after.emailVerified).toBe(false);
    expect(sessionIsCurrent({ sessionEpoch: after.sessionEpoch }, after)).toBe(false);
    expect(sessionIsCurrent({ sessionEpoch: before.sessionEpoch }, after)).toBe(false);
    // Nobody else's row moves, and a second refusal changes nothing more.
    expect(await revokeUnverified(identity.issuer, "someone-else")).toBe(false);
    expect(await revokeUnverified(identity.issuer, identity.subject)).toBe(false);
  });

  it("is for admins only; a bad or unknown id changes nothing", async () => {
    const ada = await actor(`${uniqueName("ada")}@example.com`);
    const admin = await actor(`${uniqueName("grace")}@example.com`, ["requester", "admin"]);
    const epoch = (await standingOf({ ...ada.actor, name: null })).sessionEpoch;
    await expect(endPersonSessions(ada, { userId: admin.actor.userId })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(endPersonSessions(admin, { userId: "not-a-uuid" })).rejects.toBeInstanceOf(ValidationError);
    await expect(endPersonSessions(admin, { userId: "00000000-0000-4000-8000-00000000beef" })).rejects.toBeInstanceOf(NotFoundError);
    expect((await standingOf({ ...ada.actor, name: null })).sessionEpoch).toBe(epoch);
  });

  it("lists people for admins, searched by part of the email", async () => {
    const tag = uniqueName("findme");
    await actor(`${tag}@example.com`);
    const admin = await actor(`${uniqueName("grace")}@example.com`, ["requester", "admin"]);
    const found = await listPeople(admin, { email: tag.toUpperCase() });
    expect(found.map((p) => p.email)).toEqual([`${tag}@example.com`]);
  });
});
