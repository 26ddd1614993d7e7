// The walking skeleton end to end: request, approve or reject, Profile applied, audited.
import { expect, test } from "@playwright/test";
import { ApprovalQueuePage, MyWorkspacesPage, RequestWorkspacePage } from "./pages/portal";
import { readProfile } from "./support/cluster";
import { pageAs } from "./support/personas";

test("a data scientist requests a workspace, an admin approves it and the Profile is applied with the verified owner", async ({ browser }) => {
  const ada = await pageAs(browser, "requester");
  const request = new RequestWorkspacePage(ada);
  await request.open();
  await request.submit({ name: "churn-models", tier: /^Standard/, reason: "Training churn models for Q1." });
  await expect(ada.getByRole("status")).toContainText("churn-models");
  const mine = new MyWorkspacesPage(ada);
  await expect(mine.row("churn-models")).toContainText("Pending approval");

  const grace = await pageAs(browser, "admin");
  const queue = new ApprovalQueuePage(grace);
  await queue.open();
  const item = queue.request("churn-models");
  await expect(item).toContainText("ada@example.com");
  await expect(item).toContainText("Standard");
  await expect(item).toContainText("Training churn models for Q1.");
  await queue.approve("churn-models");
  await expect(grace.getByRole("status")).toContainText("The Profile was applied");

  const profile = await readProfile("churn-models");
  expect(profile.spec.owner).toEqual({ kind: "User", name: "ada@example.com" });
  expect(profile.spec.resourceQuotaSpec.hard).toMatchObject({ "requests.cpu": "8", "requests.memory": "32Gi", pods: "40" });
  expect(profile.metadata.labels).toMatchObject({ "app.kubernetes.io/managed-by": "berth", "berth.io/tier": "standard" });

  await mine.open();
  await expect(mine.row("churn-models")).toContainText("Active");
});

test("an admin rejects a request with a reason the requester can read", async ({ browser }) => {
  const ada = await pageAs(browser, "requester");
  const request = new RequestWorkspacePage(ada);
  await request.open();
  await request.submit({ name: "gpu-playground", tier: /^GPU/, reason: "Trying out large models." });
  await expect(ada.getByRole("status")).toContainText("gpu-playground");

  const grace = await pageAs(browser, "admin");
  const queue = new ApprovalQueuePage(grace);
  await queue.open();
  await queue.reject("gpu-playground", "Please use the shared GPU project instead.");
  await expect(grace.getByRole("status")).toContainText("Rejected");
  await expect(queue.request("gpu-playground")).toHaveCount(0);

  const mine = new MyWorkspacesPage(ada);
  await mine.open();
  await expect(mine.row("gpu-playground")).toContainText("Rejected");
  await mine.row("gpu-playground").getByRole("link").click();
  await expect(ada.getByText("Please use the shared GPU project instead.", { exact: true })).toBeVisible();
});

test("a rejection without a reason is refused with a message on the field", async ({ browser }) => {
  const ada = await pageAs(browser, "requester");
  const request = new RequestWorkspacePage(ada);
  await request.open();
  await request.submit({ name: "needs-reason", tier: /^Small/, reason: "Exploration." });
  await expect(ada.getByRole("status")).toContainText("needs-reason");

  const grace = await pageAs(browser, "admin");
  const queue = new ApprovalQueuePage(grace);
  await queue.open();
  await queue.reject("needs-reason", "");
  await expect(queue.request("needs-reason")).toContainText("Reason for rejection is required.");
});

test("the request form names the rule a bad workspace name breaks", async ({ browser }) => {
  const ada = await pageAs(browser, "requester");
  const request = new RequestWorkspacePage(ada);
  await request.open();
  await request.submit({ name: "kube-system", tier: /^Small/, reason: "Sneaky." });
  await expect(ada.getByRole("alert").filter({ hasText: "Please correct the highlighted fields." })).toBeVisible();
  await expect(ada.getByText(/reserved for the cluster's own namespaces/)).toBeVisible();
});

test("the auditor sees the trail newest first, including the Profile apply and its API audit id", async ({ browser }) => {
  const alan = await pageAs(browser, "auditor");
  await alan.goto("/audit");
  await expect(alan.getByRole("heading", { name: "Audit trail" })).toBeVisible();
  const rows = alan.getByRole("row");
  await expect(rows.filter({ hasText: "workspace.requested" }).first()).toBeVisible();
  await expect(rows.filter({ hasText: "workspace.approved" }).first()).toContainText("grace@example.com");
  await expect(rows.filter({ hasText: "profile.applied" }).first()).toContainText("API audit id");
  await expect(rows.filter({ hasText: "workspace.rejected" }).first()).toBeVisible();

  const numbers = await alan.locator("tbody tr td:first-child").allInnerTexts();
  const seqs = numbers.map(Number);
  expect(seqs.length).toBeGreaterThan(3);
  expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
});
