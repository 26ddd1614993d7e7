// Verifies the ID token's signature against the issuer's published keys. Auth.js checks the
// token's claims but, as OIDC allows for tokens fetched straight from the token endpoint,
// not its signature; Berth insists, so a token signed by any other key never makes a session.
import "server-only";
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";

const keySets = new Map<string, JWTVerifyGetKey>();

async function keySetFor(issuer: string): Promise<JWTVerifyGetKey> {
  const cached = keySets.get(issuer);
  if (cached) return cached;
  const response = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`discovery answered ${response.status}`);
  const { jwks_uri: jwksUri } = (await response.json()) as { jwks_uri?: string };
  if (!jwksUri) throw new Error("discovery has no jwks_uri");
  const keySet = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 5_000 });
  keySets.set(issuer, keySet);
  return keySet;
}

/** True only for a token signed by one of the issuer's keys, for this client, not expired. */
export async function idTokenSignatureIsValid(idToken: string | undefined, issuer: string, clientId: string): Promise<boolean> {
  if (!idToken) return false;
  try {
    await jwtVerify(idToken, await keySetFor(issuer), {
      issuer,
      audience: clientId,
      algorithms: ["RS256", "RS384", "RS512", "ES256", "ES384", "PS256"],
    });
    return true;
  } catch {
    return false;
  }
}
