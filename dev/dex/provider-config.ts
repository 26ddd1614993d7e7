// oidc-provider configuration that makes it behave like the Dex the portal meets in production:
// Dex's scopes and claims (with `groups`), claims in the ID token, PKCE, refresh tokens, no
// consent screen, and none of the library's development-only defaults.
import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import type { ClientMetadata, Configuration, KoaContextWithOIDC } from "oidc-provider";
import type { AccountStore } from "./accounts";
import { grantRequested } from "./grants";
import { createMemoryAdapter } from "./memory-adapter";
import { logoutSource, postLogoutSuccessSource, renderError } from "./provider-pages";
import type { DexClient } from "./server";

export interface ProviderConfigInput {
  clients: readonly DexClient[];
  accounts: AccountStore;
  /** Path the provider is mounted under, e.g. "/dex"; our interaction pages live below it. */
  mountPath: string;
  jwks: SigningKeys;
}

function toClientMetadata(client: DexClient): ClientMetadata {
  return {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    redirect_uris: [...client.redirectUris],
    post_logout_redirect_uris: [...(client.postLogoutRedirectUris ?? [])],
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    // Either secret method is accepted at the token endpoint; this is only the advertised default.
    token_endpoint_auth_method: "client_secret_basic",
    id_token_signed_response_alg: "RS256",
  };
}

export type SigningKeys = NonNullable<Configuration["jwks"]>;

// A fresh RS256 key per start: nothing outlives the process, and clients fetch the JWKS anyway.
export function signingKeys(): SigningKeys {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = privateKey.export({ format: "jwk" });
  return { keys: [{ ...jwk, kid: randomUUID(), alg: "RS256", use: "sig" }] };
}

/**
 * Consent is implied for every client: they are all configured by us, like Kubeflow's Dex,
 * which runs with `skipApprovalScreen: true`. Before the consent prompt is evaluated, extend
 * the session's grant with whatever was requested, so it only triggers when a client asks for
 * prompt=consent (then interactions.ts records it without a page). This follows
 * oidc-provider's "skip consent" recipe.
 */
async function autoConsentGrant(ctx: KoaContextWithOIDC) {
  const { oidc } = ctx;
  if (!oidc.client || !oidc.session?.accountId) return undefined;
  const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
  return grantRequested(oidc.provider, {
    grantId,
    accountId: oidc.session.accountId,
    clientId: oidc.client.clientId,
    scopes: oidc.requestParamOIDCScopes,
    claims: oidc.requestParamClaims,
  });
}

export function buildProviderConfiguration({ clients, accounts, mountPath, jwks }: ProviderConfigInput): Configuration {
  return {
    adapter: createMemoryAdapter(),
    clients: clients.map(toClientMetadata),
    jwks,
    clientAuthMethods: ["client_secret_basic", "client_secret_post"],

    // Dex's scope set; `groups` is Dex's own scope and carries the `groups` claim.
    scopes: ["openid", "email", "profile", "groups", "offline_access"],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name"],
      groups: ["groups"],
    },
    // Auth.js builds its profile from the ID token, and Dex puts these claims there.
    conformIdTokenClaims: false,

    findAccount(_ctx, sub) {
      const account = accounts.findBySubject(sub);
      if (!account) return undefined;
      return {
        accountId: account.subject,
        // Read at token time (not login time), so a refresh sees groups changed since sign-in.
        claims: () => ({
          sub: account.subject,
          email: account.email,
          email_verified: true,
          name: account.name,
          groups: [...account.groups],
        }),
      };
    },

    // Authorization code flow only, PKCE always, as the portal uses it.
    responseTypes: ["code"],
    pkce: { required: () => true },
    loadExistingGrant: autoConsentGrant,
    interactions: {
      url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}`,
    },

    features: {
      // We serve our own login page; the built-in one loads remote fonts and logs warnings.
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      // Dex has neither; keeping them off keeps discovery close to what production advertises.
      pushedAuthorizationRequests: { enabled: false },
      dPoP: { enabled: false },
    },
    renderError,
    // No browser-side client calls the token or userinfo endpoints cross-origin.
    clientBasedCORS: () => false,

    cookies: {
      // Random signing keys per start; prefixed names so they cannot collide with the portal's
      // cookies (browsers share cookies across ports of the same host).
      keys: [randomBytes(32).toString("base64url")],
      names: { session: "dex_session", interaction: "dex_interaction", resume: "dex_interaction_resume" },
      long: { httpOnly: true, sameSite: "lax", path: mountPath },
      short: { httpOnly: true, sameSite: "lax" },
    },

    // Explicit lifetimes (seconds), which also keeps oidc-provider from logging notices about defaults.
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 60 * 60,
      IdToken: 60 * 60,
      RefreshToken: 7 * 24 * 60 * 60,
      Interaction: 60 * 60,
      Session: 24 * 60 * 60,
      Grant: 7 * 24 * 60 * 60,
    },
  };
}
