// THREATS 11: session-related cookies are HttpOnly, SameSite=Lax, and in production (an https
// AUTH_URL) Secure with the __Secure-/__Host- prefixes. Checked on the real Auth.js handlers.
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";

async function csrfCookies(authUrl: string): Promise<string[]> {
  vi.resetModules();
  vi.stubEnv("AUTH_URL", authUrl);
  vi.stubEnv("AUTH_SECRET", "test-secret-test-secret-test-secret-1234");
  vi.stubEnv("AUTH_DEX_ISSUER", "http://127.0.0.1:9/dex");
  vi.stubEnv("AUTH_DEX_ID", "berth");
  vi.stubEnv("AUTH_DEX_SECRET", "secret");
  const { GET } = await import("./handlers");
  const response = await GET(new NextRequest(`${authUrl}/api/auth/csrf`));
  vi.unstubAllEnvs();
  return response.headers.getSetCookie();
}

describe("session cookies (THREATS 11)", () => {
  it("are prefixed, Secure, HttpOnly and SameSite=Lax behind https", async () => {
    const cookies = await csrfCookies("https://berth.example.com");
    const csrf = cookies.find((c) => c.includes("authjs.csrf-token="));
    expect(csrf).toMatch(/^__Host-authjs\.csrf-token=/);
    expect(csrf).toMatch(/; Secure/);
    expect(csrf).toMatch(/; HttpOnly/);
    expect(csrf).toMatch(/; SameSite=Lax/i);
    const callback = cookies.find((c) => c.includes("authjs.callback-url="));
    expect(callback).toMatch(/^__Secure-authjs\.callback-url=/);
    expect(callback).toMatch(/; Secure/);
  });

  it("stay HttpOnly and SameSite=Lax on plain-http development hosts", async () => {
    const cookies = await csrfCookies("http://localhost:3000");
    const csrf = cookies.find((c) => c.includes("authjs.csrf-token="));
    expect(csrf).toMatch(/^authjs\.csrf-token=/);
    expect(csrf).toMatch(/; HttpOnly/);
    expect(csrf).toMatch(/; SameSite=Lax/i);
    expect(csrf).not.toMatch(/; Secure/);
  });
});
