// THREATS 8: admin rights read from Dex are trusted for a bounded time only. A session whose
// roles were confirmed longer ago than BERTH_ROLE_TTL_SECONDS (default 10 minutes) acts as a
// requester until the person signs in again through Dex. The old session is minted here with
// the stack's own secret, as the portal itself would have written it at an earlier sign-in.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { E2E_DATA_DIR } from "./support/data-dir";

const COOKIE = "authjs.session-token";

async function sessionCookie(rolesVerifiedAt: number): Promise<string> {
  const secret = readFileSync(path.join(E2E_DATA_DIR, "auth-secret"), "utf8").trim();
  return encode({
    secret,
    salt: COOKIE,
    token: {
      email: "grace@example.com",
      identity: {
        issuer: "unused-for-authorization",
        subject: "grace-old-session",
        email: "grace@example.com",
        name: "Grace Hopper",
        roles: ["requester", "admin"],
        rolesVerifiedAt,
      },
    },
  });
}

test("an admin session older than the bound is asked to confirm and cannot use admin pages", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  const now = Math.floor(Date.now() / 1000);
  await context.addCookies([{ name: COOKIE, value: await sessionCookie(now - 3600), url: baseURL ?? "" }]);
  const page = await context.newPage();

  await page.goto("/admin/requests");
  await expect(page).toHaveURL(/\/signin\?reauth=1/);
  await expect(page.getByRole("status")).toContainText("re-checked with Dex");

  // The same session still works for what any signed-in person may do.
  await page.goto("/workspaces");
  await expect(page.getByRole("heading", { name: "My workspaces" })).toBeVisible();
  await context.close();
});

test("an admin session within the bound keeps admin rights", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  const now = Math.floor(Date.now() / 1000);
  await context.addCookies([{ name: COOKIE, value: await sessionCookie(now - 60), url: baseURL ?? "" }]);
  const page = await context.newPage();
  await page.goto("/admin/requests");
  await expect(page.getByRole("heading", { name: "Approval queue" })).toBeVisible();
  await context.close();
});
