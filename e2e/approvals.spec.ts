// The request and approval workflow in the browser: tier management (THREATS 26), a
// two-approval tier end to end with two admins, self-approval refused (THREATS 7),
// cancel and history, and the limit messages (THREATS 23).
import { expect, test } from "@playwright/test";
import { TiersPage, type TierFields } from "./pages/admin";
import { ApprovalQueuePage, MyWorkspacesPage, RequestWorkspacePage } from "./pages/portal";
import { readProfile } from "./support/cluster";
import { E2E_MAX_OPEN_REQUESTS } from "./support/limits";
import { pageAs } from "./support/personas";

const fourEyes: TierFields = {
  slug: "four-eyes",
  name: "Four-eyes",
  description: "Sensitive data: two admins approve.",
  twoApprovals: true,
  // Shorter than the renewal notice window (7 days), so that its workspaces may be renewed at once.
  lifetimeDays: "5",
  quota: { "CPU requests (cores)": "2", "Memory requests": "4Gi", Pods: "5" },
  defaults: { cpuRequest: "100m", cpuLimit: "1", memoryRequest: "256Mi", memoryLimit: "1Gi" },
};

test.describe.configure({ mode: "serial" });

test("an admin creates a two-approval tier; a bad quantity is refused on its field", async ({ browser }) => {
  const grace = await pageAs(browser, "admin");
  const tiers = new TiersPage(grace);
  await tiers.create({ ...fourEyes, quota: { ...fourEyes.quota, Pods: "-1" } });
  await expect(grace.getByText(/Pods: "-1" is not a Kubernetes quantity/)).toBeVisible();
  await tiers.create(fourEyes);
  await expect(grace.getByRole("status")).toContainText("Saved tier “four-eyes”.");
  await expect(tiers.tier("four-eyes")).toContainText("Two approvals");
});

test("two admins editing one tier at once: the second save is refused as a conflict (THREATS 26)", async ({ browser }) => {
  const grace = await pageAs(browser, "admin");
  const katherine = await pageAs(browser, "secondAdmin");
  const first = new TiersPage(grace);
  const second = new TiersPage(katherine);
  await first.openEdit("four-eyes");
  await second.openEdit("four-eyes");
  await grace.getByLabel("Description").fill("Edited by Grace.");
  await grace.getByRole("button", { name: "Save changes" }).click();
  await expect(grace.getByRole("status")).toContainText("Saved tier “four-eyes”.");
  await katherine.getByLabel("Description").fill("Edited by Katherine.");
  await katherine.getByRole("button", { name: "Save changes" }).click();
  await expect(katherine.getByRole("alert").filter({ hasText: "Someone else changed this tier after you opened it." })).toBeVisible();
  await first.open();
  await expect(first.tier("four-eyes")).toContainText("Edited by Grace.");
});

test("a two-approval request needs two different admins; the second approval applies the Profile", async ({ browser }) => {
  const ada = await pageAs(browser, "requester");
  const form = new RequestWorkspacePage(ada);
  await form.open();
  await form.submit({ name: "sensitive-claims", tier: /^Four-eyes/, reason: "Claims data with personal information." });
  await expect(ada.getByRole("status")).toContainText("sensitive-claims");

  const grace = await pageAs(browser, "admin");
  const queue = new ApprovalQueuePage(grace);
  await queue.open();
  await queue.approve("sensitive-claims");
  await expect(grace.getByRole("status")).toContainText("Your approval of sensitive-claims was recorded (1 of 2)");
  await expect(queue.request("sensitive-claims")).toContainText("Approvals: 1 of 2 (grace@example.com)");
  await expect(queue.request("sensitive-claims").getByRole("button", { name: "Approve sensitive-claims" })).toHaveCount(0);

  const katherine = await pageAs(browser, "secondAdmin");
  const second = new ApprovalQueuePage(katherine);
  await second.open();
  await second.approve("sensitive-claims");
  await expect(katherine.getByRole("status")).toContainText("The Profile was applied");
  const profile = await readProfile("sensitive-claims");
  expect(profile.spec.owner).toEqual({ kind: "User", name: "ada@example.com" });
  expect(profile.spec.resourceQuotaSpec.hard).toMatchObject({ "requests.cpu": "2", pods: "5" });

  const mine = new MyWorkspacesPage(ada);
  await mine.open();
  await mine.row("sensitive-claims").getByRole("link").click();
  const history = ada.getByRole("region", { name: "History" });
  await expect(history).toContainText("Approval recorded (more needed) by grace@example.com");
  await expect(history).toContainText("Approved by katherine@example.com");
});

test("renewing a two-approval workspace needs two admins again", async ({ browser }) => {
  const ada = await pageAs(browser, "requester");
  const mine = new MyWorkspacesPage(ada);
  await mine.open();
  await mine.row("sensitive-claims").getByRole("link").click();
  await ada.getByLabel("Reason for renewal").fill("The claims study runs another month.");
  await ada.getByRole("button", { name: "Ask for renewal" }).click();
  // The form gives way to the pending renewal's state once the page is revalidated.
  await expect(ada.getByText(/^Renewal requested .*; waiting for two admins\.$/)).toBeVisible();

  const grace = await pageAs(browser, "admin");
  await new ApprovalQueuePage(grace).open();
  await grace.getByRole("button", { name: "Approve renewal of sensitive-claims" }).click();
  await expect(grace.getByRole("status")).toContainText("Your approval was recorded; a second admin has to approve too.");

  const katherine = await pageAs(browser, "secondAdmin");
  await new ApprovalQueuePage(katherine).open();
  await katherine.getByRole("button", { name: "Approve renewal of sensitive-claims" }).click();
  await expect(katherine.getByRole("status")).toContainText("Renewed sensitive-claims until");
  await ada.reload();
  await expect(ada.getByRole("region", { name: "History" })).toContainText("Renewed by katherine@example.com");
});

test("an admin's own request offers no approve button, and another admin decides it (THREATS 7)", async ({ browser }) => {
  const grace = await pageAs(browser, "admin");
  const form = new RequestWorkspacePage(grace);
  await form.open();
  await form.submit({ name: "grace-own", tier: /^Small/, reason: "My own experiments." });
  await expect(grace.getByRole("status")).toContainText("grace-own");
  const queue = new ApprovalQueuePage(grace);
  await queue.open();
  await expect(queue.request("grace-own")).toContainText("This is your own request: another admin has to decide it.");
  await expect(queue.request("grace-own").getByRole("button", { name: "Approve grace-own" })).toHaveCount(0);

  const katherine = await pageAs(browser, "secondAdmin");
  const other = new ApprovalQueuePage(katherine);
  await other.open();
  await other.approve("grace-own");
  await expect(katherine.getByRole("status")).toContainText("The Profile was applied");
});

test("a requester cancels a pending request; it leaves the queue and its history says so", async ({ browser }) => {
  const ada = await pageAs(browser, "requester");
  const form = new RequestWorkspacePage(ada);
  await form.open();
  await form.submit({ name: "changed-my-mind", tier: /^Small/, reason: "Maybe later." });
  await expect(ada.getByRole("status")).toContainText("changed-my-mind");
  const mine = new MyWorkspacesPage(ada);
  await mine.open();
  await mine.row("changed-my-mind").getByRole("link").click();
  await ada.getByRole("button", { name: "Cancel request" }).click();
  await expect(ada.getByRole("button", { name: "Cancel request" })).toHaveCount(0);
  await expect(ada.getByRole("region", { name: "History" })).toContainText("Cancelled by ada@example.com");

  const grace = await pageAs(browser, "admin");
  const queue = new ApprovalQueuePage(grace);
  await queue.open();
  await expect(queue.request("changed-my-mind")).toHaveCount(0);
});

test("the open request beyond the limit is refused with a message naming the limit (THREATS 23)", async ({ browser }) => {
  const eve = await pageAs(browser, "noGroups");
  const form = new RequestWorkspacePage(eve);
  for (let i = 1; i <= E2E_MAX_OPEN_REQUESTS; i++) {
    await form.open();
    await form.submit({ name: `eve-${i}`, tier: /^Small/, reason: "Filling my quota of requests." });
    await expect(eve.getByRole("status")).toContainText(`eve-${i}`);
  }
  await form.open();
  await form.submit({ name: "eve-one-too-many", tier: /^Small/, reason: "One too many." });
  const message = `You already have ${E2E_MAX_OPEN_REQUESTS} open requests, the most allowed (${E2E_MAX_OPEN_REQUESTS}).`;
  await expect(eve.getByRole("alert").filter({ hasText: message })).toBeVisible();
});

test("requesters and auditors cannot open the tier or notification pages", async ({ browser }) => {
  for (const persona of ["requester", "auditor"] as const) {
    const page = await pageAs(browser, persona);
    for (const path of ["/admin/tiers", "/admin/tiers/new", "/admin/tiers/small-cpu", "/admin/notifications"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
    }
  }
});
