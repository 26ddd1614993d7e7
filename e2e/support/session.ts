// A session cookie minted with the stack's own secret, as the portal itself would have written it
// at an earlier sign-in: for tests of the role re-check (THREATS 8).
import { readFileSync } from "node:fs";
import path from "node:path";
import type { BrowserContext } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { E2E_DATA_DIR } from "./data-dir";

export const SESSION_COOKIE = "authjs.session-token";

/** Grace's session whose admin role was confirmed at `rolesVerifiedAt` (seconds since the epoch). */
export async function adminSessionCookie(rolesVerifiedAt: number): Promise<string> {
  const secret = readFileSync(path.join(E2E_DATA_DIR, "auth-secret"), "utf8").trim();
  return encode({
    secret,
    salt: SESSION_COOKIE,
    token: {
      email: "grace@example.com",
      identity: {
        issuer: "unused-for-authorization",
        subject: "grace-old-session",
        email: "grace@example.com",
        name: "Grace Hopper",
        roles: ["requester", "admin"],
        rolesVerifiedAt,
      },
    },
  });
}

/** Puts Grace's session, confirmed `ageSeconds` ago, into the context. */
export async function useAdminSession(context: BrowserContext, baseURL: string, ageSeconds: number): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  await context.addCookies([{ name: SESSION_COOKIE, value: await adminSessionCookie(now - ageSeconds), url: baseURL }]);
}
