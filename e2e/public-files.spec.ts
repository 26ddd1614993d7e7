// Files from public/ are served to anyone, without a session: an internal portal tells
// crawlers to index nothing, and browsers get the favicon instead of a sign-in redirect.
import { expect, test } from "@playwright/test";

test("robots.txt is served without a session and disallows everything", async ({ request }) => {
  const response = await request.get("/robots.txt", { maxRedirects: 0 });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/plain/);
  const lines = (await response.text()).split(/\r?\n/).map((line) => line.trim());
  expect(lines).toContain("User-agent: *");
  expect(lines).toContain("Disallow: /");
});

test("the favicon is served without a session as an icon", async ({ request }) => {
  const response = await request.get("/favicon.ico", { maxRedirects: 0 });
  expect(response.status()).toBe(200);
  const body = await response.body();
  // ICONDIR: reserved 0, type 1 (icon), at least one image.
  expect(body.readUInt16LE(0)).toBe(0);
  expect(body.readUInt16LE(2)).toBe(1);
  expect(body.readUInt16LE(4)).toBeGreaterThan(0);
});
