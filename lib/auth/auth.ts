// Auth.js with Dex as the only identity provider (OIDC, authorization code + PKCE, state
// and nonce). Sessions are encrypted JWT cookies holding the verified identity and roles.
import "server-only";
import NextAuth, { type NextAuthConfig } from "next-auth";
import { appendAuditEvent, recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { identitySettings } from "@/lib/config";
import { authLogger } from "@/lib/telemetry/auth-logger";
import { log } from "@/lib/telemetry/logger";
import { endSessions, revokeUnverified } from "./revocation";
import { recordSignIn, standingOf } from "./sign-in";
import { identityFromClaims, type DexClaims, type SessionIdentity } from "./dex-profile";
import { idTokenSignatureIsValid } from "./id-token-signature";
import { requestMeta } from "./request-meta";
import { safeRedirect } from "./safe-redirect";

// Built on first use, not at import: `next build` loads this module without any settings.
function authConfig(): NextAuthConfig {
  const { issuer, clientId, clientSecret, trustHost, sessionMaxAgeSeconds } = identitySettings();
  return {
    providers: [
      {
        id: "dex",
        name: "Dex",
        type: "oidc",
        issuer,
        clientId,
        clientSecret,
        checks: ["pkce", "state", "nonce"],
        authorization: { params: { scope: "openid email profile groups" } },
      },
    ],
    session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds },
    pages: { signIn: "/signin", error: "/signin" },
    trustHost,
    // Into the JSON log without the state, code, tokens or cookies Auth.js's own logger prints (THREATS 87).
    logger: authLogger(log),
    callbacks: {
      // Refuse a session to anyone whose email Dex has not verified (it becomes a Profile
      // owner), and to any ID token not signed by Dex's own keys.
      async signIn({ profile, account }) {
        const claims = (profile ?? {}) as DexClaims;
        const signed = await idTokenSignatureIsValid(account?.id_token, issuer, clientId);
        const refusal = !signed
          ? "ID token not signed by the issuer's keys"
          : identityFromClaims(claims, issuer) === null
            ? "no verified email in the ID token"
            : null;
        // Dex itself now says the email is unverified: the person's other sessions end too (THREATS 74).
        const revoked = signed && claims.email_verified === false && typeof claims.sub === "string" && (await revokeUnverified(issuer, claims.sub));
        if (refusal) await recordRefusedSignIn(claims, revoked ? `${refusal}; every session of this person ended` : refusal);
        return refusal === null;
      },
      async jwt({ token, profile }) {
        // The profile is present only at sign-in; later calls keep what was stored then.
        if (profile) {
          const identity = identityFromClaims(profile as DexClaims, issuer);
          if (!identity) return null;
          await recordSignIn(identity, await requestMeta());
          // The epoch this session belongs to: moving it on ends the session (lib/auth/revocation.ts).
          const { sessionEpoch } = await standingOf(identity);
          token.identity = { ...identity, sessionEpoch };
        }
        return token;
      },
      session({ session, token }) {
        const identity = token.identity as SessionIdentity | undefined;
        if (identity) {
          session.identity = identity;
          session.user = { ...session.user, email: identity.email, name: identity.name };
        }
        return session;
      },
      redirect({ url, baseUrl }) {
        return safeRedirect(url, baseUrl);
      },
    },
    events: {
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        const identity = token?.identity as SessionIdentity | undefined;
        if (!identity) return;
        const context = await requestMeta();
        // Signing out ends the person's sessions everywhere, not only this browser's cookie (THREATS 74).
        await db.$transaction(async (tx) => {
          const standing = await standingOf(identity);
          await endSessions(tx, standing.id);
          await appendAuditEvent(tx, {
            action: "auth.sign_out",
            result: "success",
            actor: identity,
            context,
            target: { type: "user", id: standing.id, name: identity.email },
            after: { sessionsEnded: "all" },
          });
        });
      },
    },
  };
}

async function recordRefusedSignIn(claims: DexClaims, reason: string): Promise<void> {
  await recordAuditEvent({
    action: "auth.sign_in",
    result: "failure",
    actor: null,
    context: await requestMeta(),
    // Claims of a refused token are not trusted: kept only as the target, for investigation.
    target: { type: "user", name: typeof claims.email === "string" ? claims.email.slice(0, 200) : undefined },
    reason,
    errorCode: "sign_in_refused",
  });
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig());

declare module "next-auth" {
  interface Session {
    identity?: SessionIdentity;
  }
}
