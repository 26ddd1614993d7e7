// Makes `offline_access` alone earn a refresh token, as it does with Dex.
//
// oidc-provider follows OIDC Core §11 to the letter: it silently drops `offline_access` from an
// authorization request unless the request also says `prompt=consent`. Dex does not ask for that,
// and the portal (Auth.js) does not send it. So when an authorization request asks for
// `offline_access` and names no prompt, we add `prompt=consent` before oidc-provider reads it.
// Consent is recorded automatically (see interactions.ts), so nobody sees a consent page; the
// browser only makes one extra redirect through the interaction URL.
import type Provider from "oidc-provider";

// oidc-provider's default authorization route, relative to the mount path (not overridden here).
const AUTHORIZATION_PATH = "/auth";

export function issueRefreshTokensLikeDex(provider: Provider): void {
  // provider.use runs before oidc-provider's own routing and parameter parsing.
  provider.use(async (ctx, next) => {
    if (ctx.method === "GET" && ctx.path === AUTHORIZATION_PATH) {
      const { scope, prompt } = ctx.query;
      const wantsOffline = typeof scope === "string" && scope.split(" ").includes("offline_access");
      // A client that names a prompt itself keeps the standard behaviour (e.g. prompt=none must stay alone).
      if (wantsOffline && prompt === undefined) ctx.query = { ...ctx.query, prompt: "consent" };
    }
    await next();
  });
}
