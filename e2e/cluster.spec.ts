// The cluster side through the browser: suspend and resume, a quota edit below usage with its
// warning, decommissioning with the typed-name confirmation, and the drift page with re-apply and adopt.
import { expect, request as playwrightRequest, test, type Browser, type Page } from "@playwright/test";
import { ClusterPage } from "./pages/admin-cluster";
import { ApprovalQueuePage, RequestWorkspacePage } from "./pages/portal";
import { createForeignProfile, deleteQuota, readProfile, readQuotaHard, setQuotaUsed } from "./support/cluster";
import { storageStatePath, type Persona } from "./support/personas";

async function pageAs(browser: Browser, persona: Persona): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStatePath(persona) });
  return context.newPage();
}

/** Ada requests, Grace approves: an active workspace of the small tier. */
async function activeWorkspace(browser: Browser, name: string): Promise<Page> {
  const ada = await pageAs(browser, "requester");
  const request = new RequestWorkspacePage(ada);
  await request.open();
  await request.submit({ name, tier: /^Small/, reason: "Cluster operations test." });
  await expect(ada.getByRole("status")).toContainText(name);
  const grace = await pageAs(browser, "admin");
  const queue = new ApprovalQueuePage(grace);
  await queue.open();
  await queue.approve(name);
  await expect(grace.getByRole("status")).toContainText("The Profile was applied");
  return grace;
}

test("an admin suspends a workspace (zero pods, data kept) and resumes it with the previous quota", async ({ browser }) => {
  const grace = await activeWorkspace(browser, "crypto-suspect");
  const cluster = new ClusterPage(grace);
  await cluster.open();
  const workspace = await cluster.openWorkspace("crypto-suspect");
  await workspace.suspend("Mining crypto right now.");
  // The page re-renders from the database: only a confirmed suspension shows as one.
  await expect(grace.getByText("Suspended: data is kept")).toBeVisible();
  expect((await readQuotaHard("crypto-suspect")).pods).toBe("0");

  await workspace.resume("Owner explained the load.");
  await expect(grace.getByRole("button", { name: "Suspend", exact: true })).toBeVisible();
  await expect(grace.getByText("Suspended: data is kept")).toHaveCount(0);
  expect((await readQuotaHard("crypto-suspect")).pods).toBe("10");
});

test("a quota lowered below current usage is saved with a warning naming the limit (THREATS 34)", async ({ browser }) => {
  const grace = await activeWorkspace(browser, "busy-team");
  await setQuotaUsed("busy-team", { pods: "7" });
  const cluster = new ClusterPage(grace);
  await cluster.open();
  const workspace = await cluster.openWorkspace("busy-team");
  await expect(grace.getByRole("listitem", { name: "Pods: 7 of 10 used" })).toBeVisible();
  await workspace.editQuota({ Pods: "3" }, "Cutting back.");
  await expect(grace.getByRole("status").filter({ hasText: "Quota saved." })).toContainText("below current usage for Pods (limit 3, in use 7)");
  expect((await readQuotaHard("busy-team")).pods).toBe("3");
});

test("decommissioning needs the exact name typed; then the Profile is gone and the record stays", async ({ browser }) => {
  const grace = await activeWorkspace(browser, "old-project");
  const cluster = new ClusterPage(grace);
  await cluster.open();
  const workspace = await cluster.openWorkspace("old-project");
  await workspace.decommission("old-projec", "Project ended.");
  await expect(grace.getByText('Type the workspace name "old-project" exactly to confirm.')).toBeVisible();
  await expect.poll(async () => (await readProfile("old-project")).metadata.name).toBe("old-project");

  await workspace.decommission("old-project", "Project ended.");
  await expect(grace.getByRole("button", { name: "Decommission", exact: true })).toHaveCount(0);
  await expect(readProfile("old-project")).rejects.toThrow();
  await cluster.open();
  await expect(grace.getByRole("row").filter({ hasText: "old-project" })).toContainText("Decommissioned");
});

test("the drift page shows a deleted quota and an unmanaged Profile; re-apply and adopt fix them (THREATS 32, 33)", async ({ browser }) => {
  const grace = await activeWorkspace(browser, "drifty");
  await deleteQuota("drifty");
  await createForeignProfile("dashboard-made", "eve@example.com");
  const cluster = new ClusterPage(grace);
  await cluster.open();
  await expect(cluster.drift("drifty")).toContainText("kf-resource-quota missing");
  await expect(cluster.unmanaged("dashboard-made")).toContainText("eve@example.com");

  await cluster.drift("drifty").getByRole("button", { name: "Re-apply drifty" }).click();
  await expect(cluster.drift("drifty")).toHaveCount(0);
  expect((await readQuotaHard("drifty")).pods).toBe("10");

  const item = cluster.unmanaged("dashboard-made");
  await item.getByLabel("Reason for adopting dashboard-made").fill("Registered before Berth.");
  await item.getByRole("button", { name: "Adopt dashboard-made" }).click();
  await expect(cluster.unmanaged("dashboard-made")).toHaveCount(0);
  await expect(grace.getByRole("row").filter({ hasText: "dashboard-made" })).toContainText("Adopted");
});

test("suspending by replaying the admin's action as an auditor, a requester or nobody changes nothing (THREATS 1, 2, 6)", async ({ browser, baseURL }) => {
  const grace = await activeWorkspace(browser, "replay-suspend");
  const cluster = new ClusterPage(grace);
  await cluster.open();
  const workspace = await cluster.openWorkspace("replay-suspend");
  const path = new URL(grace.url()).pathname;
  const captured = new Promise<{ headers: Record<string, string>; body: Buffer }>((resolve) => {
    void grace.route(`**${path}`, async (route) => {
      const req = route.request();
      if (req.method() !== "POST") return route.continue();
      resolve({ headers: await req.allHeaders(), body: req.postDataBuffer() ?? Buffer.alloc(0) });
      await route.abort();
    });
  });
  await workspace.suspend("Captured, never sent.");
  const { headers, body } = await captured;
  const actionHeaders = { "next-action": headers["next-action"] ?? "", "content-type": headers["content-type"] ?? "", accept: "text/x-component", origin: baseURL ?? "" };
  expect(actionHeaders["next-action"]).not.toBe("");

  for (const persona of ["auditor", "requester", null] as const) {
    const context = await playwrightRequest.newContext({ baseURL, storageState: persona ? storageStatePath(persona) : undefined });
    const text = await (await context.post(path, { headers: actionHeaders, data: body, maxRedirects: 0 })).text();
    expect(text).toContain(persona ? "You are not allowed to do that." : "Please sign in again.");
    await context.dispose();
  }
  expect((await readQuotaHard("replay-suspend")).pods).toBe("10");
});

test.describe("the cluster pages refuse non-admins with a 403 page", () => {
  for (const persona of ["requester", "auditor", "noGroups"] as const) {
    test(`${persona} opening /admin/cluster`, async ({ browser }) => {
      const page = await pageAs(browser, persona);
      const response = await page.goto("/admin/cluster");
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "Drift" })).toHaveCount(0);
    });
  }
});
