// The cluster side through the browser: suspend and resume, a quota edit below usage with its
// warning, decommissioning with the typed-name confirmation, and the drift page with re-apply and adopt.
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { ClusterPage } from "./pages/admin-cluster";
import { createForeignProfile, deleteQuota, patchProfileQuota, readProfile, readQuotaHard, setQuotaUsed } from "./support/cluster";
import { pageAs, storageStatePath } from "./support/personas";
import { activeWorkspace, uniqueName } from "./support/workspaces";

const REASON = "Cluster operations test.";

test("an admin suspends a workspace (zero pods, data kept) and resumes it with the previous quota", async ({ browser }) => {
  const name = uniqueName("crypto-suspect");
  const grace = await activeWorkspace(browser, name, REASON);
  const cluster = new ClusterPage(grace);
  await cluster.open();
  const workspace = await cluster.openWorkspace(name);
  await workspace.suspend("Mining crypto right now.");
  // The page re-renders from the database: only a confirmed suspension shows as one.
  await expect(grace.getByText("Suspended: data is kept")).toBeVisible();
  expect((await readQuotaHard(name)).pods).toBe("0");

  await workspace.resume("Owner explained the load.");
  await expect(grace.locator("summary", { hasText: "Suspend…" })).toBeVisible();
  await expect(grace.getByText("Suspended: data is kept")).toHaveCount(0);
  expect((await readQuotaHard(name)).pods).toBe("10");
});

test("a quota lowered below current usage is saved with a warning naming the limit (THREATS 34)", async ({ browser }) => {
  const name = uniqueName("busy-team");
  const grace = await activeWorkspace(browser, name, REASON);
  await setQuotaUsed(name, { pods: "7" });
  const cluster = new ClusterPage(grace);
  await cluster.open();
  const workspace = await cluster.openWorkspace(name);
  await expect(grace.getByRole("listitem", { name: "Pods: 7 of 10 used" })).toBeVisible();
  await workspace.editQuota({ Pods: "3" }, "Cutting back.");
  await expect(grace.getByRole("status").filter({ hasText: "Quota saved." })).toContainText("below current usage for Pods (limit 3, in use 7)");
  expect((await readQuotaHard(name)).pods).toBe("3");
});

test("decommissioning needs the exact name typed; then the Profile is gone and the record stays", async ({ browser }) => {
  const name = uniqueName("old-project");
  const grace = await activeWorkspace(browser, name, REASON);
  const cluster = new ClusterPage(grace);
  await cluster.open();
  const workspace = await cluster.openWorkspace(name);
  await workspace.decommission(name.slice(0, -1), "Project ended.");
  // The message is the field's own description (and also listed in the form's summary).
  await expect(grace.getByLabel(/^Type .* to confirm$/)).toHaveAccessibleDescription(`Type the workspace name "${name}" exactly to confirm.`);
  await expect.poll(async () => (await readProfile(name)).metadata.name).toBe(name);

  await workspace.decommission(name, "Project ended.");
  await expect(grace.locator("summary", { hasText: "Decommission…" })).toHaveCount(0);
  await expect(readProfile(name)).rejects.toThrow();
  await cluster.open();
  await expect(grace.getByRole("row").filter({ hasText: name })).toContainText("Decommissioned");
});

test("the drift page shows a deleted quota and an unmanaged Profile; re-apply and adopt fix them (THREATS 32, 33)", async ({ browser }) => {
  const name = uniqueName("drifty");
  const foreign = uniqueName("dashboard-made");
  const grace = await activeWorkspace(browser, name, REASON);
  await deleteQuota(name);
  await createForeignProfile(foreign, "eve@example.com");
  const cluster = new ClusterPage(grace);
  await cluster.open();
  await expect(cluster.drift(name)).toContainText("kf-resource-quota missing");
  await expect(cluster.unmanaged(foreign)).toContainText("eve@example.com");

  await cluster.drift(name).getByRole("button", { name: `Re-apply ${name}` }).click();
  await expect(cluster.drift(name)).toHaveCount(0);
  expect((await readQuotaHard(name)).pods).toBe("10");

  const item = cluster.unmanaged(foreign);
  await item.getByLabel(`Reason for adopting ${foreign}`).fill("Registered before Berth.");
  await item.getByRole("button", { name: `Adopt ${foreign}` }).click();
  await expect(cluster.unmanaged(foreign)).toHaveCount(0);
  await expect(grace.getByRole("row").filter({ hasText: foreign })).toContainText("Adopted");
});

test("a GPU limit added with kubectl patch shows beside the approved quota and is removed by re-apply (THREATS 90)", async ({ browser }) => {
  const name = uniqueName("gpu-added");
  const grace = await activeWorkspace(browser, name, REASON);
  await patchProfileQuota(name, { "requests.nvidia.com/gpu": "4", pods: 10 });
  const cluster = new ClusterPage(grace);
  await cluster.open();
  const card = cluster.drift(name);
  await expect(card).toContainText("Profile quota differs · kf-resource-quota edited");
  const gpu = card.getByRole("row", { name: /GPUs/ });
  await expect(gpu.getByRole("cell")).toHaveText(["—", "4", "4"]);
  await expect(card.getByRole("columnheader")).toHaveText(["Limit", "Approved in Berth", "Profile in the cluster", "kf-resource-quota"]);
  await card.screenshot({ path: "test-results/drift-card.png" });

  await cluster.openWorkspace(name);
  await expect(grace.getByRole("alert").filter({ hasText: "Drift in the cluster" })).toContainText("Profile quota differs · kf-resource-quota edited.");
  await grace.screenshot({ path: "test-results/admin-workspace-drift.png", fullPage: true });

  await cluster.open();
  await cluster.drift(name).getByRole("button", { name: `Re-apply ${name}` }).click();
  await expect(cluster.drift(name)).toHaveCount(0);
  expect((await readProfile(name)).spec.resourceQuotaSpec.hard).not.toHaveProperty("requests.nvidia.com/gpu");
  expect(await readQuotaHard(name)).not.toHaveProperty("requests.nvidia.com/gpu");
});

test("suspending by replaying the admin's action as an auditor, a requester or nobody changes nothing (THREATS 1, 2, 6)", async ({ browser, baseURL }) => {
  const name = uniqueName("replay-suspend");
  const grace = await activeWorkspace(browser, name, REASON);
  const cluster = new ClusterPage(grace);
  await cluster.open();
  const workspace = await cluster.openWorkspace(name);
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
  expect((await readQuotaHard(name)).pods).toBe("10");
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
