// Live status: a page with something in flight follows it without a reload. Ada watches her request;
// the approval's first apply fails (the API server answers 503 once), so the workspace stays
// provisioning with its steps shown until the reconciler's retry lands, and the page turns Active.
import { expect, test } from "@playwright/test";
import { standInControl } from "./support/cluster";
import { pageAs } from "./support/personas";
import { ApprovalQueuePage } from "./pages/portal";
import { requestAs, uniqueName } from "./support/workspaces";

async function failNextProfileApply(name: string): Promise<void> {
  const { standInFetch } = await import("../dev/kube-api/stand-in-fetch");
  const control = standInControl();
  const response = await standInFetch(control, "/_standin/faults", {
    method: "POST",
    headers: { authorization: `Bearer ${control.controlToken}`, "content-type": "application/json" },
    body: JSON.stringify({ method: "PATCH", pathPrefix: `/apis/kubeflow.org/v1/profiles/${name}`, count: 1, status: 503 }),
  });
  if (!response.ok) throw new Error(`injecting a fault failed: ${response.status}`);
}

test("a provisioning workspace page turns Active without a reload, showing its steps and announcing the result (THREATS 83)", async ({ browser }) => {
  // The reconciler's retry comes after its backoff and the next pass (15 s).
  test.slow();
  const name = uniqueName("live-status");
  const ada = await requestAs(browser, { name, tier: /^Small/, reason: "Watching my request live." });
  await ada.goto("/workspaces");
  await ada.getByRole("link", { name, exact: true }).click();
  await expect(ada.getByRole("heading", { name, exact: true })).toBeVisible();
  await expect(ada.getByText("Pending approval")).toBeVisible();
  // A mark on the document: a reload would lose it.
  await ada.evaluate(() => Object.assign(window, { liveStatusMark: "set before approval" }));

  await failNextProfileApply(name);
  const grace = await pageAs(browser, "admin");
  const queue = new ApprovalQueuePage(grace);
  await queue.open(name);
  await queue.approve(name);
  await expect(grace.getByRole("status").filter({ hasText: name })).toContainText("still provisioning");

  // Ada's page, untouched: first the provisioning steps, then Active.
  const steps = ada.getByRole("list", { name: "Provisioning steps" });
  await expect(steps).toBeVisible({ timeout: 20_000 });
  await expect(steps.getByRole("listitem").first()).toContainText("Approved");
  await expect(ada.getByText("Active", { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(ada.getByRole("status").filter({ hasText: `${name} is now: Active.` })).toBeVisible();
  await expect(steps).toHaveCount(0);
  expect(await ada.evaluate(() => (window as unknown as { liveStatusMark?: string }).liveStatusMark)).toBe("set before approval");
});
