// Quota changes after approval, in the browser: the owner asks and another admin decides; an
// admin's raise waits for a second admin; nobody decides on a workspace they own (THREATS 7).
import { expect, test, type Browser } from "@playwright/test";
import { ClusterPage } from "./pages/admin-cluster";
import { ApprovalQueuePage, MyWorkspacePage, RequestWorkspacePage } from "./pages/portal";
import { readProfile } from "./support/cluster";
import { pageAs, type Persona } from "./support/personas";

/** `requester` asks for a Small workspace, `approver` approves it: an active workspace. */
async function activeWorkspace(browser: Browser, name: string, requester: Persona, approver: Persona): Promise<void> {
  const owner = await pageAs(browser, requester);
  await new RequestWorkspacePage(owner).requestWorkspace({ name, tier: /^Small/, reason: "Quota change test." });
  const admin = await pageAs(browser, approver);
  const queue = new ApprovalQueuePage(admin);
  await queue.open(name);
  await queue.approve(name);
  await expect(admin.getByRole("status")).toContainText("The Profile was applied");
  await owner.context().close();
  await admin.context().close();
}

const hardOf = async (name: string) => (await readProfile(name)).spec.resourceQuotaSpec.hard;

// The admin's own attempt confirms at once, unless the reconciler was working on the workspace at
// that moment (woken by the cluster's watch events); then it applies it moments later. Either
// way the Profile must change, which each test then waits for.
const SAVED = /The cluster confirmed it\.|Saved; the reconciler applies it shortly\.|Saved; the cluster has not confirmed it yet/;

test("an owner lowers her quota at once, asks for more, and another admin approves it into the Profile", async ({ browser }) => {
  await activeWorkspace(browser, "ada-more-cpu", "requester", "admin");
  const ada = await pageAs(browser, "requester");
  const workspace = new MyWorkspacePage(ada);
  await workspace.open("ada-more-cpu");
  await expect(workspace.quotaChange()).toContainText("Less quota applies at once.");

  await workspace.askForQuota({ "CPU requests (cores)": "1" }, "The notebook idles most of the week.");
  await expect(ada.getByRole("status").filter({ hasText: "Quota lowered." })).toContainText(SAVED);
  await expect.poll(async () => (await hardOf("ada-more-cpu"))["requests.cpu"]).toBe("1");

  await workspace.askForQuota({ "CPU requests (cores)": "2" }, "Training starts next week.");
  await expect(ada.getByRole("status").filter({ hasText: "Quota change requested" })).toContainText("it now waits for an admin other than you.");
  await expect(workspace.quotaChange()).toContainText("Waiting for approval: 0 of 1");
  expect((await hardOf("ada-more-cpu"))["requests.cpu"]).toBe("1");

  const grace = await pageAs(browser, "admin");
  const queue = new ApprovalQueuePage(grace);
  await queue.open();
  const change = queue.change("ada-more-cpu");
  await expect(change).toContainText("owner ada@example.com · proposed by ada@example.com");
  await expect(change).toContainText("Training starts next week.");
  await expect(change.getByRole("row", { name: /^CPU requests \(cores\)/ })).toHaveText(/1\s*2\s*\(changed\)\s*2/);
  await expect(change).toContainText("Approvals: 0 of 1");
  await queue.approveChange("ada-more-cpu");
  await expect(grace.getByRole("status").filter({ hasText: "Applied the quota change of ada-more-cpu." })).toContainText(SAVED);
  await expect(queue.change("ada-more-cpu")).toHaveCount(0);
  await expect.poll(async () => (await hardOf("ada-more-cpu"))["requests.cpu"]).toBe("2");

  await ada.reload();
  await expect(workspace.quotaChange()).toContainText(/Your quota change of .* was approved and applied\./);
  await expect(ada.getByRole("region", { name: "History" })).toContainText("Quota changed by grace@example.com");
});

test("an admin's raise waits for another admin: the proposer has no Approve button, a second admin applies it", async ({ browser }) => {
  await activeWorkspace(browser, "admin-raise", "requester", "admin");
  const grace = await pageAs(browser, "admin");
  const cluster = new ClusterPage(grace);
  await cluster.open();
  const workspace = await cluster.openWorkspace("admin-raise");
  await workspace.editQuota({ Pods: "5" }, "Fewer runs this month.");
  await expect(grace.getByRole("status").filter({ hasText: "Quota saved." })).toContainText(SAVED);
  await expect.poll(async () => (await hardOf("admin-raise")).pods).toBe("5");

  await workspace.editQuota({ Pods: "10" }, "The runs are back.");
  await expect(grace.getByRole("status").filter({ hasText: "Quota change requested" })).toHaveText(
    "Quota change requested: it now waits for an admin other than you and the owner.",
  );
  expect((await hardOf("admin-raise")).pods).toBe("5");

  const queue = new ApprovalQueuePage(grace);
  await queue.open();
  await expect(queue.change("admin-raise")).toContainText("proposed by grace@example.com");
  await expect(queue.change("admin-raise")).toContainText("You proposed this change; another admin has to approve it.");
  await expect(queue.change("admin-raise").getByRole("button", { name: "Approve change of admin-raise" })).toHaveCount(0);

  const katherine = await pageAs(browser, "secondAdmin");
  const second = new ApprovalQueuePage(katherine);
  await second.open();
  await second.approveChange("admin-raise");
  await expect(katherine.getByRole("status").filter({ hasText: "Applied the quota change of admin-raise." })).toBeVisible();
  expect((await hardOf("admin-raise")).pods).toBe("10");
});

test("an admin who owns a workspace cannot approve its quota change; another admin rejects it and the owner reads why", async ({ browser }) => {
  await activeWorkspace(browser, "grace-owned-quota", "admin", "secondAdmin");
  const grace = await pageAs(browser, "admin");
  const workspace = new MyWorkspacePage(grace);
  await workspace.open("grace-owned-quota");
  await workspace.askForQuota({ GPUs: "1" }, "A GPU for my own experiments.");
  await expect(grace.getByRole("status").filter({ hasText: "Quota change requested" })).toHaveText(
    "Quota change requested (above the tier's maximum): it now waits for two admins other than you.",
  );
  await expect(workspace.quotaChange()).toContainText("Waiting for approval: 0 of 2");

  const queue = new ApprovalQueuePage(grace);
  await queue.open();
  const change = queue.change("grace-owned-quota");
  await expect(change).toContainText("You cannot decide on a workspace you own or requested; another admin has to.");
  await expect(change.getByRole("button", { name: "Approve change of grace-owned-quota" })).toHaveCount(0);
  await expect(change.getByRole("row", { name: /^GPUs/ })).toContainText("(above maximum)");

  const katherine = await pageAs(browser, "secondAdmin");
  const second = new ApprovalQueuePage(katherine);
  await second.open();
  await second.rejectChange("grace-owned-quota", "Use the GPU tier for this.");
  await expect(katherine.getByRole("status").filter({ hasText: "Rejected the quota change of grace-owned-quota." })).toBeVisible();
  await expect(second.change("grace-owned-quota")).toHaveCount(0);
  expect((await hardOf("grace-owned-quota"))["requests.nvidia.com/gpu"]).toBeUndefined();

  await workspace.open("grace-owned-quota");
  await expect(workspace.quotaChange()).toContainText(/Your quota change of .* was rejected\./);
  await expect(workspace.quotaChange()).toContainText("Reason for rejection: Use the GPU tier for this.");
});
