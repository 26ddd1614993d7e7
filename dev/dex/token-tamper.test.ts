import { createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { tamperIdToken, TAMPER_MODES } from "./token-tamper";

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const realKey = { kid: "real", key: privateKey };
const publicKey = createPublicKey(privateKey);
const now = Math.floor(Date.now() / 1000);
const claims = { iss: "http://localhost:5556/dex", aud: "berth", sub: "ada", nonce: "n-1", iat: now, exp: now + 300 };
const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

function parse(token: string) {
  const [h = "", p = "", s = ""] = token.split(".");
  const header = JSON.parse(Buffer.from(h, "base64url").toString()) as Record<string, unknown>;
  const payload = JSON.parse(Buffer.from(p, "base64url").toString()) as Record<string, unknown>;
  const signedByRealKey = s !== "" && verify("sha256", Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s, "base64url"));
  return { header, payload, signedByRealKey };
}

const original = `${enc({ alg: "RS256", kid: "real" })}.${enc(claims)}.sig`;

describe("tamperIdToken", () => {
  it.each([
    ["wrong-issuer", { iss: "http://localhost:5556/dex/" }],
    ["wrong-audience", { aud: "some-other-client" }],
    ["wrong-nonce", { nonce: "not-the-nonce-you-sent" }],
  ] as const)("%s changes exactly that claim and keeps a valid signature", (mode, change) => {
    const { payload, signedByRealKey } = parse(tamperIdToken(original, mode, realKey));
    expect(payload).toEqual({ ...claims, ...change });
    expect(signedByRealKey).toBe(true);
  });

  it("expired moves exp into the past, validly signed", () => {
    const { payload, signedByRealKey } = parse(tamperIdToken(original, "expired", realKey));
    expect(Number(payload.exp)).toBeLessThan(now);
    expect(signedByRealKey).toBe(true);
  });

  it("unsigned uses alg none and carries no signature", () => {
    const token = tamperIdToken(original, "unsigned", realKey);
    expect(parse(token).header.alg).toBe("none");
    expect(token.endsWith(".")).toBe(true);
  });

  it("unknown-key signs with a key outside the JWKS", () => {
    const { header, payload, signedByRealKey } = parse(tamperIdToken(original, "unknown-key", realKey));
    expect(payload).toEqual(claims);
    expect(header.kid).not.toBe("real");
    expect(signedByRealKey).toBe(false);
  });

  it("covers every mode", () => {
    for (const mode of TAMPER_MODES) expect(() => tamperIdToken(original, mode, realKey)).not.toThrow();
  });
});
