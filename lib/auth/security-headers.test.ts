// The Content-Security-Policy proxy.ts sends with every page (THREATS 73); the built app is
// checked route by route in e2e/security-headers.spec.ts.
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, servedOverHttps } from "./security-headers";

const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));

describe("content security policy (THREATS 73)", () => {
  const production = { development: false, identityOrigin: "https://dex.example.com" };

  it("lets scripts run only with this response's nonce, never inline or eval", () => {
    const nonce = newNonce();
    const policy = directives(contentSecurityPolicy(nonce, production));
    expect(policy.get("script-src")).toEqual([`'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(contentSecurityPolicy(nonce, production)).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });

  it("lets forms go to Berth and to Dex only (sign-in redirects there)", () => {
    expect(directives(contentSecurityPolicy(newNonce(), production)).get("form-action")).toEqual(["'self'", "https://dex.example.com"]);
    expect(directives(contentSecurityPolicy(newNonce(), { development: false, identityOrigin: undefined })).get("form-action")).toEqual(["'self'"]);
  });

  it("allows eval and the reload socket only under next dev", () => {
    const dev = directives(contentSecurityPolicy("n", { development: true, identityOrigin: undefined }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("connect-src")).toEqual(["'self'", "ws:"]);
  });

  it("uses a fresh, unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 200 }, newNonce));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) expect(atob(nonce)).toHaveLength(16);
  });

  it("sends HSTS only for HTTPS, direct or said by the TLS-terminating proxy", () => {
    expect(servedOverHttps(new URL("https://berth.example.com/"), null)).toBe(true);
    expect(servedOverHttps(new URL("http://berth:3000/"), "https")).toBe(true);
    expect(servedOverHttps(new URL("http://berth:3000/"), "HTTPS, http")).toBe(true);
    expect(servedOverHttps(new URL("http://localhost:3000/"), null)).toBe(false);
    expect(servedOverHttps(new URL("http://localhost:3000/"), "http")).toBe(false);
  });
});
