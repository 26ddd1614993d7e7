// Who may see and do what, checked through the browser and by replaying a real server
// action request under other identities (THREATS 1, 2, 6, 10).
import { expect, request as playwrightRequest, test, type Page } from "@playwright/test";
import { ApprovalQueuePage, MyWorkspacesPage } from "./pages/portal";
import { pageAs, storageStatePath, type Persona } from "./support/personas";
import { requestAs, uniqueName } from "./support/workspaces";

test.describe("signed-out visitors", () => {
  for (const path of ["/", "/workspaces", "/workspaces/new", "/admin/requests", "/audit"]) {
    test(`are sent to sign-in from ${path}`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL(/\/signin/);
      await expect(page.getByRole("button", { name: "Sign in with Dex" })).toBeVisible();
    });
  }
});

test.describe("the 2025 middleware-bypass header changes nothing (THREATS 9)", () => {
  const bypass = { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy:middleware:middleware:middleware:middleware:middleware" };

  test("a signed-out request for a page is still sent to sign-in", async ({ request }) => {
    const response = await request.get("/admin/requests", { headers: bypass, maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers()["location"]).toContain("/signin");
  });

  test("a requester still gets the 403 page for the admin queue", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStatePath("requester"), extraHTTPHeaders: bypass });
    const page = await context.newPage();
    const response = await page.goto("/admin/requests");
    expect(response?.status()).toBe(403);
    await context.close();
  });
});

test.describe("signed-in users without the role get a 403 page, never the data", () => {
  const cases: [Persona, string][] = [
    ["requester", "/admin/requests"],
    ["requester", "/audit"],
    ["noGroups", "/admin/requests"],
    ["noGroups", "/audit"],
    ["auditor", "/admin/requests"],
  ];
  for (const [persona, path] of cases) {
    test(`${persona} opening ${path}`, async ({ browser }) => {
      const page = await pageAs(browser, persona);
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
      await expect(page.getByRole("heading", { name: /Approval queue|Audit trail/ })).toHaveCount(0);
    });
  }
});

/** Starts a real approval as the admin, captures the server-action request and stops it. */
async function captureApproveRequest(admin: Page, name: string) {
  const queue = new ApprovalQueuePage(admin);
  await queue.open(name);
  const captured = new Promise<{ headers: Record<string, string>; body: Buffer }>((resolve) => {
    // The queue page is open filtered to the name, so the action posts to its URL with the query.
    void admin.route("**/admin/requests?*", async (route) => {
      const req = route.request();
      if (req.method() !== "POST") return route.continue();
      resolve({ headers: await req.allHeaders(), body: req.postDataBuffer() ?? Buffer.alloc(0) });
      await route.abort();
    });
  });
  await queue.approve(name);
  return captured;
}

test("approving by replaying the action as an auditor, a requester or nobody changes nothing", async ({ browser, baseURL }) => {
  const name = uniqueName("replay-target");
  const ada = await requestAs(browser, { name, tier: /^Small/, reason: "Target of a replayed approval." });

  const { headers, body } = await captureApproveRequest(await pageAs(browser, "admin"), name);
  const actionHeaders = {
    "next-action": headers["next-action"] ?? "",
    "content-type": headers["content-type"] ?? "",
    accept: "text/x-component",
    origin: baseURL ?? "",
  };
  expect(actionHeaders["next-action"]).not.toBe("");

  for (const persona of ["auditor", "requester", null] as const) {
    const context = await playwrightRequest.newContext({
      baseURL,
      storageState: persona ? storageStatePath(persona) : undefined,
    });
    const response = await context.post("/admin/requests", {
      headers: { ...actionHeaders, "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
      data: body,
      maxRedirects: 0,
    });
    const text = await response.text();
    if (persona) expect(text).toContain("You are not allowed to do that.");
    else expect(text).toContain("Please sign in again.");
    await context.dispose();
  }

  // A foreign Origin is refused by the framework before the action runs (THREATS 10).
  const crossSite = await playwrightRequest.newContext({ baseURL, storageState: storageStatePath("admin") });
  const forged = await crossSite.post("/admin/requests", {
    headers: { ...actionHeaders, origin: "https://evil.example" },
    data: body,
    maxRedirects: 0,
  });
  expect(forged.ok()).toBe(false);
  await crossSite.dispose();

  const mine = new MyWorkspacesPage(ada);
  await mine.open();
  await expect(mine.row(name)).toContainText("Pending approval");

  // Each refusal is in the audit trail, the one without a session too (THREATS 1, 2, 6).
  const auditor = await pageAs(browser, "auditor");
  await auditor.goto("/audit");
  await expect(auditor.getByRole("row").filter({ hasText: "approving a request without a session" }).first()).toContainText("auth.denied");
  await expect(
    auditor.getByRole("row").filter({ hasText: "auth.denied" }).filter({ hasText: "alan@example.com" }).first(),
  ).toContainText("approving a request needs role admin");
});
