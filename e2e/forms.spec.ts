// Forms keep every value on any error, mark each bad field, report every error at once and move
// the focus to the summary; the role re-check returns the person to the same form with its values.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { pageAs, PASSWORD } from "./support/personas";
import { useAdminSession } from "./support/session";
import { uniqueName } from "./support/workspaces";

/** Every id an element's aria-describedby names exists on the page. */
async function expectDescribedByExists(page: Page, field: Locator): Promise<void> {
  const ids = ((await field.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter(Boolean);
  for (const id of ids) await expect(page.locator(`[id="${id}"]`), `#${id}`).toHaveCount(1);
}

test("the request form keeps name, tier, reason, custom quota and justification after a server error", async ({ browser }) => {
  const page = await pageAs(browser, "requester");
  await page.goto("/workspaces/new");
  await expect(page.getByTestId("request-limits")).toContainText(/\d+ of \d+ open requests/);
  const name = page.getByLabel("Workspace name");
  await expectDescribedByExists(page, name);
  await name.fill("Not_A_Valid_Name");
  await page.getByRole("radio", { name: /^Standard/ }).check();
  await page.getByLabel("Reason").fill("Keeps what I typed.");
  await page.getByText("Ask for a different quota").click();
  await page.getByLabel("CPU requests (cores)", { exact: true }).fill("3");
  await page.getByLabel("Justification").fill("Because of a bigger model.");
  await page.getByRole("button", { name: "Submit request" }).click();

  const summary = page.getByRole("alert").filter({ hasText: "Please correct the highlighted fields." });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole("link").first()).toBeVisible();
  // Focus moved to the summary, which links to the field.
  await expect(page.locator(":focus")).toContainText("Please correct the highlighted fields.");
  await expect(name).toHaveValue("Not_A_Valid_Name");
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expectDescribedByExists(page, name);
  await expect(page.getByRole("radio", { name: /^Standard/ })).toBeChecked();
  await expect(page.getByLabel("Reason")).toHaveValue("Keeps what I typed.");
  await expect(page.getByLabel("CPU requests (cores)", { exact: true })).toHaveValue("3");
  await expect(page.getByLabel("Justification")).toHaveValue("Because of a bigger model.");
  await page.context().close();
});

test("a missing required field is reported with the others, without losing anything", async ({ browser }) => {
  const page = await pageAs(browser, "requester");
  await page.goto("/workspaces/new");
  await expect(page.getByLabel("Reason")).toHaveAttribute("aria-required", "true");
  await page.getByLabel("Workspace name").fill("Not_Valid_Either");
  await page.getByRole("button", { name: "Submit request" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "Please correct the highlighted fields." });
  await expect(summary).toContainText("Reason is required.");
  expect(await summary.getByRole("link").count()).toBeGreaterThanOrEqual(2);
  await expect(page.getByLabel("Reason")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Workspace name")).toHaveValue("Not_Valid_Either");
  await page.context().close();
});

test("the tier form reports every bad field at once and keeps each value", async ({ browser }) => {
  const page = await pageAs(browser, "admin");
  await page.goto("/admin/tiers/new");
  await page.getByLabel("Identifier").fill("Bad Slug");
  await page.getByLabel("Name", { exact: true }).fill("Kept name");
  await page.getByLabel("Description").fill("Kept description");
  await page.getByLabel("Lifetime (days)").fill("0");
  await page.getByLabel("Pods quota", { exact: true }).fill("lots");
  await page.getByLabel("CPU requests (cores) quota", { exact: true }).fill("2");
  await page.getByRole("button", { name: "Create tier" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "Please correct the highlighted fields." });
  await expect(summary).toContainText("identifier");
  await expect(summary).toContainText("Lifetime");
  await expect(summary).toContainText("Pods");
  await expect(summary).toContainText("Default CPU request is required");
  await expect(page.getByLabel("Identifier")).toHaveValue("Bad Slug");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Kept name");
  await expect(page.getByLabel("Pods quota", { exact: true })).toHaveValue("lots");
  await expect(page.getByLabel("Pods quota", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await page.context().close();
});

test("a built-in tier's description can be changed without filling container defaults", async ({ browser }) => {
  const page = await pageAs(browser, "admin");
  await page.goto("/admin/tiers/gpu");
  await page.getByLabel("Description").fill(`Training: 16 cores, 128 GiB and 2 GPUs (${uniqueName("note")}).`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/admin\/tiers\?saved=gpu/);
  await page.context().close();
});

test("the role re-check offers to confirm the sign-in and brings the typed values back (THREATS 8, 80)", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  await useAdminSession(context, baseURL ?? "", 60);
  const page = await context.newPage();
  await page.goto("/admin/tiers/new");
  await page.getByLabel("Identifier").fill("draft-kept");
  await page.getByLabel("Name", { exact: true }).fill("Draft name");
  await page.getByLabel("Description").fill("Typed before the re-check.");
  // Meanwhile the admin role's confirmation has run out.
  await useAdminSession(context, baseURL ?? "", 3600);
  await page.getByRole("button", { name: "Create tier" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Please confirm your sign-in" });
  await expect(alert).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toContainText("Confirm your sign-in to act as admin");
  await expect(page.getByLabel("Description")).toHaveValue("Typed before the re-check.");

  await alert.getByRole("button", { name: "Confirm your sign-in" }).click();
  await page.getByRole("button", { name: "Sign in with Dex" }).click();
  await page.getByLabel("Email").fill("grace@example.com");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(/\/admin\/tiers\/new$/);
  await expect(page.getByRole("status").filter({ hasText: "what you typed is back" })).toBeVisible();
  await expect(page.getByLabel("Identifier")).toHaveValue("draft-kept");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Draft name");
  await expect(page.getByLabel("Description")).toHaveValue("Typed before the re-check.");
  await context.close();
});
