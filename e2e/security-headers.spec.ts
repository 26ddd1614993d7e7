// Security headers on every page and route of the built app, error pages included (THREATS 73):
// a Content-Security-Policy with a fresh nonce that Next puts on each of its scripts, the
// isolation headers, and pages that still hydrate and work under that policy in Chromium.
// Also the body-size bound of server actions (THREATS 72) and sign-out everywhere (THREATS 74).
import { readFileSync } from "node:fs";
import { expect, test, type APIResponse } from "@playwright/test";
import { signInThroughDex } from "./pages/sign-in";
import { pageAs, PASSWORD } from "./support/personas";

const STATIC_HEADERS = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
};

function expectPageHeaders(response: APIResponse, where: string): string {
  const headers = response.headers();
  for (const [name, value] of Object.entries(STATIC_HEADERS)) expect(headers[name], `${name} on ${where}`).toBe(value);
  expect(headers["permissions-policy"], where).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
  const policy = headers["content-security-policy"] ?? "";
  expect(policy, `CSP on ${where}`).toMatch(/(^|; )default-src 'self'(;|$)/);
  expect(policy, where).toMatch(/(^|; )script-src 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'(;|$)/);
  expect(policy, where).toMatch(/(^|; )connect-src 'self'(;|$)/);
  expect(policy, where).toMatch(/(^|; )frame-ancestors 'none'(;|$)/);
  expect(policy, where).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
  // Served over plain HTTP here: no HSTS (browsers ignore it there; lib/auth/security-headers.test.ts covers HTTPS).
  expect(headers["strict-transport-security"], where).toBeUndefined();
  return /'nonce-([^']+)'/.exec(policy)![1]!;
}

const PAGES = ["/workspaces", "/workspaces/new", "/admin/requests", "/admin/tiers", "/admin/tiers/new", "/admin/cluster", "/admin/notifications", "/admin/people", "/admin/workspaces", "/admin/posture", "/notifications", "/audit", "/audit/verify"];
const ERROR_PAGES = [
  { path: "/no-such-page", status: 404 },
  { path: "/workspaces/not-a-uuid", status: 404 },
  { path: "/admin/workspaces/00000000-0000-4000-8000-000000000000", status: 404 },
  { path: "/audit/events/999999999", status: 404 },
];

test.describe("security headers (THREATS 73)", () => {
  test("every page, error page and route an admin can reach carries them, each with its own nonce on every script", async ({ browser }) => {
    const admin = await pageAs(browser, "admin");
    const nonces = new Set<string>();
    for (const path of PAGES) {
      const response = await admin.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(200);
      const nonce = expectPageHeaders(response, path);
      nonces.add(nonce);
      const scripts = [...(await response.text()).matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
      expect(scripts.length, `${path} has scripts`).toBeGreaterThan(0);
      for (const attributes of scripts) expect(attributes, `script on ${path}`).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(PAGES.length);
    for (const { path, status } of ERROR_PAGES) {
      const response = await admin.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(status);
      expectPageHeaders(response, path);
    }
    for (const path of ["/api/healthz", "/api/readyz", "/audit/verify/head", "/api/auth/session"]) {
      const response = await admin.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBeLessThan(300);
      expectPageHeaders(response, path);
    }
    // Exports start only by POST (THREATS 68); the refusal of a GET carries the headers too.
    const exportByGet = await admin.request.get("/audit/export?format=csv&action=auth.denied", { maxRedirects: 0 });
    expect(exportByGet.status()).toBe(405);
    expectPageHeaders(exportByGet, "GET /audit/export");
    await admin.context().close();
  });

  test("the 403 page, redirects and the sign-in page carry them too", async ({ browser, request }) => {
    const ada = await pageAs(browser, "requester");
    const forbidden = await ada.request.get("/admin/tiers", { maxRedirects: 0 });
    expect(forbidden.status()).toBe(403);
    expectPageHeaders(forbidden, "403 page");
    const home = await ada.request.get("/", { maxRedirects: 0 });
    expect(home.status()).toBe(307);
    expectPageHeaders(home, "the front door's redirect");
    await ada.context().close();
    const redirect = await request.get("/workspaces", { maxRedirects: 0 });
    expect(redirect.status()).toBe(307);
    expectPageHeaders(redirect, "sign-in redirect");
    const signIn = await request.get("/signin", { maxRedirects: 0 });
    expect(signIn.status()).toBe(200);
    expectPageHeaders(signIn, "sign-in page");
    // A download posted without a session cookie reaches the route, which answers 401 (GETs are sent to sign-in first).
    const unauthenticatedRoute = await request.fetch("/audit/verify/head", { method: "GET", headers: { cookie: "authjs.session-token=forged" }, maxRedirects: 0 });
    expect(unauthenticatedRoute.status()).toBe(401);
    expectPageHeaders(unauthenticatedRoute, "401 from a route");
  });

  test("compiled assets carry the static headers and a policy that runs nothing", async ({ request }) => {
    const page = await request.get("/signin");
    const asset = /\/_next\/static\/[^"]+\.js/.exec(await page.text())![0];
    for (const path of [asset, "/robots.txt", "/_next/static/no-such-file.js"]) {
      const response = await request.get(path, { maxRedirects: 0 });
      for (const [name, value] of Object.entries(STATIC_HEADERS)) expect(response.headers()[name], `${name} on ${path}`).toBe(value);
      expect(response.headers()["content-security-policy"], path).toMatch(/^default-src 'none'/);
    }
  });

  test("pages hydrate and work under the policy, with no violation reported", async ({ browser }) => {
    const ada = await pageAs(browser, "requester");
    const violations: string[] = [];
    ada.on("console", (message) => {
      if (/Content Security Policy|Refused to (execute|load|connect)/i.test(message.text())) violations.push(message.text());
    });
    await ada.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => console.error(`Content Security Policy violation: ${event.violatedDirective}`));
    });
    await ada.goto("/workspaces/new");
    // A client component answering input proves React hydrated: the request form's live remaining-characters hint.
    await ada.getByLabel(/reason/i).first().fill("Hydration check");
    await ada.goto("/workspaces");
    await ada.getByRole("link", { name: /request a workspace/i }).first().click();
    await expect(ada).toHaveURL(/\/workspaces\/new$/);
    expect(violations).toEqual([]);
    await ada.context().close();
  });
});

/** React's reply encoding of (previousState, formData): the form's entries, then the root pointing at them. */
function replyOf(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(`_1_${key}`, value);
  form.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  return form;
}

test("a server action body over the limit is refused before the action runs (THREATS 72)", async ({ browser, baseURL }) => {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { exportedName: string }> };
  const [actionId] = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === "requestWorkspaceAction")!;
  const ada = await pageAs(browser, "requester");
  const name = `too-big-${Date.now().toString(36)}`;
  const post = (reason: string) =>
    ada.request.post("/workspaces/new", {
      headers: { "next-action": actionId, origin: new URL(baseURL!).origin, accept: "text/x-component" },
      multipart: replyOf({ name, tier: "small-cpu", reason }),
      maxRedirects: 0,
    });
  const response = await post("x".repeat(200 * 1024));
  expect(response.status()).toBe(413);
  await expect(ada.request.get("/workspaces")).resolves.toBeTruthy();
  expect(await (await ada.request.get("/workspaces")).text()).not.toContain(name);
  await ada.context().close();
});

test("signing out ends the person's sessions in every browser (THREATS 74)", async ({ browser }) => {
  // A persona of this spec's own: ending Ada's or Grace's sessions would sign out the other specs.
  const first = await browser.newContext();
  const firstPage = await first.newPage();
  await signInThroughDex(firstPage, "margaret@example.com", PASSWORD);
  const second = await browser.newContext({ storageState: await first.storageState() });
  const secondPage = await second.newPage();
  await secondPage.goto("/workspaces");
  await expect(secondPage.getByTestId("signed-in-as")).toContainText("margaret@example.com");
  await firstPage.getByRole("button", { name: "Sign out" }).click();
  await expect(firstPage).toHaveURL(/\/signin/);
  // The copied cookie is still there, but the session it carries is over.
  await secondPage.goto("/workspaces");
  await expect(secondPage).toHaveURL(/\/signin/);
  await expect(secondPage.getByRole("button", { name: "Sign in with Dex" })).toBeVisible();
  await first.close();
  await second.close();
});

test("an admin ends a person's sessions from People; their next request is signed out (THREATS 74)", async ({ browser }) => {
  const margaret = await browser.newContext();
  const margaretPage = await margaret.newPage();
  await signInThroughDex(margaretPage, "margaret@example.com", PASSWORD);
  const grace = await pageAs(browser, "admin");
  await grace.goto("/admin/people?email=margaret");
  const row = grace.getByRole("listitem").filter({ hasText: "margaret@example.com" });
  await row.getByRole("button", { name: "End all sessions" }).click();
  await expect(row.getByRole("status")).toContainText("Every session of margaret@example.com has ended");
  await grace.screenshot({ path: test.info().outputPath("people.png"), fullPage: true });
  await margaretPage.goto("/workspaces");
  await expect(margaretPage).toHaveURL(/\/signin/);
  await margaret.close();
  await grace.context().close();
});
