// Test-only misbehaviour of the Dex stand-in: it can hand out ID tokens that a correct
// relying party must refuse (wrong issuer, audience or nonce, expired, unsigned, signed by
// a key that is not in the JWKS). The portal's sign-in is then tested against them.
import { createPrivateKey, generateKeyPairSync, randomUUID, sign, type JsonWebKey, type KeyObject } from "node:crypto";
import type { ServerResponse } from "node:http";

export const TAMPER_MODES = ["wrong-issuer", "wrong-audience", "wrong-nonce", "expired", "unsigned", "unknown-key"] as const;
export type TamperMode = (typeof TAMPER_MODES)[number];

export function isTamperMode(value: unknown): value is TamperMode {
  return typeof value === "string" && (TAMPER_MODES as readonly string[]).includes(value);
}

interface SigningKey {
  kid: string;
  key: KeyObject;
}

function decodePart(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
}

function encodePart(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function signRs256(header: Record<string, unknown>, payload: Record<string, unknown>, key: SigningKey): string {
  const input = `${encodePart({ ...header, alg: "RS256", kid: key.kid })}.${encodePart(payload)}`;
  return `${input}.${sign("sha256", Buffer.from(input), key.key).toString("base64url")}`;
}

/** Returns the ID token changed as the mode says, re-signed so that only that one thing is wrong. */
export function tamperIdToken(idToken: string, mode: TamperMode, realKey: SigningKey): string {
  const [headerPart = "", payloadPart = ""] = idToken.split(".");
  const header = decodePart(headerPart);
  const payload = decodePart(payloadPart);
  const now = Math.floor(Date.now() / 1000);
  switch (mode) {
    case "wrong-issuer":
      return signRs256(header, { ...payload, iss: `${String(payload.iss)}/` }, realKey);
    case "wrong-audience":
      return signRs256(header, { ...payload, aud: "some-other-client" }, realKey);
    case "wrong-nonce":
      return signRs256(header, { ...payload, nonce: "not-the-nonce-you-sent" }, realKey);
    case "expired":
      return signRs256(header, { ...payload, iat: now - 7200, exp: now - 3600 }, realKey);
    case "unsigned":
      return `${encodePart({ alg: "none", typ: "JWT" })}.${encodePart(payload)}.`;
    case "unknown-key": {
      const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      return signRs256(header, payload, { kid: randomUUID(), key: privateKey });
    }
  }
}

export function signingKeyFromJwk(jwk: JsonWebKey & { kid?: string }): SigningKey {
  return { kid: jwk.kid ?? "", key: createPrivateKey({ key: jwk, format: "jwk" }) };
}

/**
 * Lets the provider write its token response, then rewrites the `id_token` in it before
 * anything reaches the client.
 */
export function rewriteTokenResponse(res: ServerResponse, rewrite: (idToken: string) => string): void {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = ((chunk: unknown) => {
    if (chunk) chunks.push(Buffer.from(chunk as Buffer));
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown) => {
    if (chunk && typeof chunk !== "function") chunks.push(Buffer.from(chunk as Buffer));
    let body = Buffer.concat(chunks);
    try {
      const json = JSON.parse(body.toString("utf8")) as { id_token?: string };
      if (json.id_token) body = Buffer.from(JSON.stringify({ ...json, id_token: rewrite(json.id_token) }));
    } catch {
      // not JSON (an error page): pass it through untouched
    }
    if (!res.headersSent) res.setHeader("content-length", body.length);
    write(body);
    return end();
  }) as typeof res.end;
}
