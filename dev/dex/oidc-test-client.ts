// A deliberately tiny OpenID Connect relying party for tests of the Dex stand-in: fetch with
// manual redirects, a cookie jar, PKCE, and ID token verification with Node's crypto only
// (no JOSE library, so the stand-in is checked by code independent of oidc-provider).
import { createHash, createPublicKey, randomBytes, verify, type JsonWebKey } from "node:crypto";

export interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  jwks_uri: string;
  end_session_endpoint: string;
  [key: string]: unknown;
}

export interface TestClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/**
 * Cookies as a browser keeps them for one host: by name and path, sent only to matching paths
 * (RFC 6265 §5.1.4), dropped when expired. Enough to catch a cookie scoped to the wrong path.
 */
export class CookieJar {
  readonly #cookies = new Map<string, { name: string; value: string; path: string }>();

  store(response: Response, requestUrl: string): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = defaultPath(new URL(requestUrl).pathname);
      let expired = value === "";
      for (const attribute of attributes) {
        const [key = "", attributeValue = ""] = attribute.split("=");
        if (key.toLowerCase() === "path" && attributeValue.startsWith("/")) path = attributeValue;
        if (key.toLowerCase() === "max-age" && Number(attributeValue) <= 0) expired = true;
        if (key.toLowerCase() === "expires" && Date.parse(attributeValue) <= Date.now()) expired = true;
      }
      const key = `${name};${path}`;
      if (expired) this.#cookies.delete(key);
      else this.#cookies.set(key, { name, value, path });
    }
  }

  header(requestUrl: string): string {
    const { pathname } = new URL(requestUrl);
    return [...this.#cookies.values()]
      .filter(({ path }) => pathMatches(pathname, path))
      .map(({ name, value }) => `${name}=${value}`)
      .join("; ");
  }
}

function defaultPath(requestPath: string): string {
  const slash = requestPath.lastIndexOf("/");
  return slash <= 0 ? "/" : requestPath.slice(0, slash);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith("/") || requestPath[cookiePath.length] === "/";
}

/** One request without following redirects; cookies in and out through the jar. */
export async function send(url: string, jar: CookieJar, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const cookie = jar.header(url);
  if (cookie) headers.set("cookie", cookie);
  const response = await fetch(url, { ...init, headers, redirect: "manual" });
  jar.store(response, url);
  return response;
}

export function location(response: Response, base: string): URL {
  const value = response.headers.get("location");
  if (!value) throw new Error(`expected a redirect, got HTTP ${response.status}`);
  return new URL(value, base);
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export function randomToken(): string {
  return randomBytes(16).toString("base64url");
}

export function authorizeUrl(
  discovery: Discovery,
  client: TestClient,
  params: { scope: string; state: string; nonce: string; challenge?: string; redirectUri?: string; prompt?: string },
): string {
  const url = new URL(discovery.authorization_endpoint);
  url.searchParams.set("client_id", client.clientId);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("redirect_uri", params.redirectUri ?? client.redirectUri);
  url.searchParams.set("scope", params.scope);
  url.searchParams.set("state", params.state);
  url.searchParams.set("nonce", params.nonce);
  if (params.challenge) {
    url.searchParams.set("code_challenge", params.challenge);
    url.searchParams.set("code_challenge_method", "S256");
  }
  if (params.prompt) url.searchParams.set("prompt", params.prompt);
  return url.href;
}

/** Follows same-server redirects until one leaves for the client's redirect URI. */
export async function followToClient(start: string, jar: CookieJar, redirectUri: string): Promise<URL> {
  let url = new URL(start);
  for (let hop = 0; hop < 10; hop += 1) {
    if (url.href.startsWith(redirectUri)) return url;
    const response = await send(url.href, jar);
    url = location(response, url.href);
  }
  throw new Error("too many redirects");
}

export async function tokenRequest(
  discovery: Discovery,
  client: TestClient,
  body: Record<string, string>,
  auth: "basic" | "post" = "basic",
): Promise<{ status: number; json: Record<string, unknown> }> {
  const form = new URLSearchParams(body);
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (auth === "basic") {
    const credentials = `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString("base64")}`;
  } else {
    form.set("client_id", client.clientId);
    form.set("client_secret", client.clientSecret);
  }
  const response = await fetch(discovery.token_endpoint, { method: "POST", headers, body: form });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

function decodePart(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
}

/** Verifies an RS256 JWS against the issuer's JWKS and returns its claims. Throws if invalid. */
export async function verifyIdToken(token: string, discovery: Discovery): Promise<Record<string, unknown>> {
  const [headerPart, payloadPart, signaturePart] = token.split(".");
  const header = decodePart(headerPart);
  if (header.alg !== "RS256") throw new Error(`unexpected alg ${String(header.alg)}`);
  const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: (JsonWebKey & { kid?: string })[] };
  const jwk = jwks.keys.find((key) => key.kid === header.kid);
  if (!jwk) throw new Error(`no JWK with kid ${String(header.kid)}`);
  const key = createPublicKey({ key: jwk, format: "jwk" });
  const signed = Buffer.from(`${headerPart}.${payloadPart}`);
  if (!verify("RSA-SHA256", signed, key, Buffer.from(signaturePart ?? "", "base64url"))) {
    throw new Error("ID token signature does not verify");
  }
  return decodePart(payloadPart);
}
