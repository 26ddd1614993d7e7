// THREATS 8: admin rights read from Dex are trusted for a bounded time only. A session whose
// roles were confirmed longer ago than BERTH_ROLE_TTL_SECONDS (default 10 minutes) acts as a
// requester until the person signs in again through Dex.
import { expect, test } from "@playwright/test";
import { useAdminSession } from "./support/session";

test("an admin session older than the bound is asked to confirm and cannot use admin pages", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  await useAdminSession(context, baseURL ?? "", 3600);
  const page = await context.newPage();

  await page.goto("/admin/requests");
  await expect(page).toHaveURL(/\/signin\?reauth=1/);
  await expect(page.getByRole("status")).toContainText("re-checked with Dex");

  // The same session still works for what any signed-in person may do, and the header does not claim admin.
  await page.goto("/workspaces");
  await expect(page.getByRole("heading", { name: "My workspaces" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toContainText("requester");
  await expect(page.getByRole("link", { name: "Confirm your sign-in to act as admin" })).toBeVisible();
  await context.close();
});

test("an admin session within the bound keeps admin rights", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  await useAdminSession(context, baseURL ?? "", 60);
  const page = await context.newPage();
  await page.goto("/admin/requests");
  await expect(page.getByRole("heading", { name: "Approval queue" })).toBeVisible();
  await context.close();
});
