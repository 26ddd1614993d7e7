// The walking skeleton end to end: request, approve or reject, Profile applied, audited.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ApprovalQueuePage, MyWorkspacesPage, RequestWorkspacePage } from "./pages/portal";
import { readProfile } from "./support/cluster";
import { pageAs } from "./support/personas";
import { activeWorkspace, requestAs, uniqueName } from "./support/workspaces";

test("a data scientist requests a workspace, an admin approves it and the Profile is applied with the verified owner", async ({ browser }) => {
  const name = uniqueName("churn-models");
  const ada = await pageAs(browser, "requester");
  const request = new RequestWorkspacePage(ada);
  await request.open();
  await request.submit({ name, tier: /^Standard/, reason: "Training churn models for Q1." });
  await expect(ada.getByRole("status")).toContainText(name);
  const mine = new MyWorkspacesPage(ada);
  await expect(mine.row(name)).toContainText("Pending approval");

  const grace = await pageAs(browser, "admin");
  const queue = new ApprovalQueuePage(grace);
  await queue.open(name);
  const item = queue.request(name);
  await expect(item).toContainText("ada@example.com");
  await expect(item).toContainText("Standard");
  await expect(item).toContainText("Training churn models for Q1.");
  await queue.approve(name);
  await expect(grace.getByRole("status")).toContainText("The Profile was applied");

  const profile = await readProfile(name);
  expect(profile.spec.owner).toEqual({ kind: "User", name: "ada@example.com" });
  expect(profile.spec.resourceQuotaSpec.hard).toMatchObject({ "requests.cpu": "8", "requests.memory": "32Gi", pods: "40" });
  expect(profile.metadata.labels).toMatchObject({ "app.kubernetes.io/managed-by": "berth", "berth.io/tier": "standard" });

  await mine.open();
  await expect(mine.row(name)).toContainText("Active");
});

/** Ada asks for a GPU workspace and Grace rejects it with a reason; returns Ada's page. */
async function rejectedRequest(browser: Browser, name: string, note: string): Promise<Page> {
  const ada = await requestAs(browser, { name, tier: /^GPU/, reason: "Trying out large models." });
  const grace = await pageAs(browser, "admin");
  const queue = new ApprovalQueuePage(grace);
  await queue.open(name);
  await queue.reject(name, note);
  await expect(grace.getByRole("status")).toContainText("Rejected");
  await expect(queue.request(name)).toHaveCount(0);
  return ada;
}

test("an admin rejects a request with a reason the requester can read", async ({ browser }) => {
  const name = uniqueName("gpu-playground");
  const ada = await rejectedRequest(browser, name, "Please use the shared GPU project instead.");
  const mine = new MyWorkspacesPage(ada);
  await mine.open();
  await expect(mine.row(name)).toContainText("Rejected");
  await mine.row(name).getByRole("link").click();
  await expect(ada.getByText("Please use the shared GPU project instead.", { exact: true })).toBeVisible();
});

test("a rejection without a reason is refused with a message on the field", async ({ browser }) => {
  const name = uniqueName("needs-reason");
  await requestAs(browser, { name, tier: /^Small/, reason: "Exploration." });
  const grace = await pageAs(browser, "admin");
  const queue = new ApprovalQueuePage(grace);
  await queue.open(name);
  await queue.reject(name, "");
  await expect(queue.request(name)).toContainText("Reason for rejection is required.");
});

test("the request form names the rule a bad workspace name breaks", async ({ browser }) => {
  const ada = await pageAs(browser, "requester");
  const request = new RequestWorkspacePage(ada);
  await request.open();
  await request.submit({ name: "kube-system", tier: /^Small/, reason: "Sneaky." });
  await expect(ada.getByRole("alert").filter({ hasText: "Please correct the highlighted fields." })).toBeVisible();
  // On the field itself, as its description (the summary above links to it too).
  await expect(ada.getByLabel("Workspace name")).toHaveAccessibleDescription(/reserved for the cluster's own namespaces/);
});

test("the auditor sees the trail newest first, including the Profile apply and its API audit id", async ({ browser }) => {
  // An approval and a rejection of its own first, so that the trail holds them whatever ran before.
  test.slow();
  const approved = uniqueName("audited-apply");
  const rejected = uniqueName("audited-reject");
  await activeWorkspace(browser, approved);
  await rejectedRequest(browser, rejected, "Not this quarter.");

  const alan = await pageAs(browser, "auditor");
  await alan.goto("/audit");
  await expect(alan.getByRole("heading", { name: "Audit trail" })).toBeVisible();
  const rows = alan.getByRole("row");
  await expect(rows.filter({ hasText: "workspace.requested" }).filter({ hasText: approved })).toHaveCount(1);
  await expect(rows.filter({ hasText: "workspace.approved" }).filter({ hasText: approved })).toContainText("grace@example.com");
  await expect(rows.filter({ hasText: "profile.applied" }).filter({ hasText: approved })).toContainText("API audit id");
  await expect(rows.filter({ hasText: "workspace.rejected" }).filter({ hasText: rejected })).toContainText("grace@example.com");

  const numbers = await alan.locator("tbody tr td:first-child").allInnerTexts();
  const seqs = numbers.map(Number);
  expect(seqs.length).toBeGreaterThan(3);
  expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
});
