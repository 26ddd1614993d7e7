// Records a sign-in: the user row keyed by (issuer, subject), and its audit event, together.
import "server-only";
import { appendAuditEvent } from "@/lib/audit/record";
import type { AuditContext } from "@/lib/model/audit-event";
import type { Role } from "@/lib/model/roles";
import { db } from "@/lib/db/client";

export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  email: string;
  name: string | null;
  roles: Role[];
}

function newUser(identity: VerifiedIdentity) {
  return {
    issuer: identity.issuer,
    subject: identity.subject,
    email: identity.email,
    name: identity.name,
    emailVerified: true,
    lastRoles: identity.roles,
  };
}

export async function recordSignIn(identity: VerifiedIdentity, meta: AuditContext): Promise<string> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.upsert({
      where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } },
      create: newUser(identity),
      update: { email: identity.email, emailVerified: true, name: identity.name, lastRoles: identity.roles, lastSeenAt: new Date() },
      select: { id: true },
    });
    await appendAuditEvent(tx, {
      action: "auth.sign_in",
      result: "success",
      actor: identity,
      context: meta,
      target: { type: "user", id: user.id, name: identity.email },
    });
    return user.id;
  });
}

export interface Standing {
  id: string;
  /** Sessions that began under another epoch are over (lib/auth/revocation.ts). */
  sessionEpoch: number;
  /** False once Dex said the email is no longer verified: every session of the person is refused. */
  emailVerified: boolean;
}

const STANDING = { id: true, sessionEpoch: true, emailVerified: true } as const;

/** The user row behind a verified identity, created if the database has none yet: read on every request. */
export async function standingOf(identity: VerifiedIdentity): Promise<Standing> {
  const found = await db.user.findUnique({ where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } }, select: STANDING });
  if (found) return found;
  return db.user.upsert({
    where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } },
    create: newUser(identity),
    update: {},
    select: STANDING,
  });
}

/** The user's id for a verified identity, creating the row if the database has none yet. */
export async function userIdFor(identity: VerifiedIdentity): Promise<string> {
  return (await standingOf(identity)).id;
}
