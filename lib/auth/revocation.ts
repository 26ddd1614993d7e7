// Revocable sessions (THREATS 74). Sessions are encrypted cookies, so a stolen one cannot be
// taken back by itself; each carries the person's session epoch from sign-in instead, and every
// request compares it with users.session_epoch (read anyway to resolve the user). Bumping the
// epoch ends every session the person holds, on every replica, at their next request.
import "server-only";
import { db, type Tx } from "@/lib/db/client";
import type { SessionIdentity } from "./dex-profile";
import type { Standing } from "./sign-in";

/** Whether a session may still act: same epoch as the person's row, and an email Dex still verifies. */
export function sessionIsCurrent(identity: Pick<SessionIdentity, "sessionEpoch">, standing: Standing): boolean {
  return standing.emailVerified && (identity.sessionEpoch ?? 0) === standing.sessionEpoch;
}

/** Ends every session of one person; the caller writes the audit event in the same transaction. */
export async function endSessions(tx: Tx, userId: string): Promise<number> {
  const { sessionEpoch } = await tx.user.update({ where: { id: userId }, data: { sessionEpoch: { increment: 1 } }, select: { sessionEpoch: true } });
  return sessionEpoch;
}

/**
 * Dex signed an ID token saying this person's email is no longer verified: they lose every
 * session now, not at the end of the cookie's life. A person Dex no longer knows at all cannot
 * sign in again; their sessions end at the next role confirmation (privileged roles) or at
 * BERTH_SESSION_MAX_AGE (documented in SECURITY.md).
 */
export async function revokeUnverified(issuer: string, subject: string): Promise<boolean> {
  const { count } = await db.user.updateMany({
    where: { issuer, subject, emailVerified: true },
    data: { emailVerified: false, sessionEpoch: { increment: 1 } },
  });
  return count > 0;
}
