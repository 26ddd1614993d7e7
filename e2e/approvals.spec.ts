// The request and approval workflow in the browser: tier management (THREATS 26), a
// two-approval tier end to end with two admins, self-approval refused (THREATS 7),
// cancel and history, and the limit messages (THREATS 23).
import { expect, test, type Browser, type Page } from "@playwright/test";
import { TiersPage, type TierFields } from "./pages/admin";
import { ApprovalQueuePage, MyWorkspacesPage, RequestWorkspacePage } from "./pages/portal";
import { readProfile } from "./support/cluster";
import { withDatabase } from "./support/database";
import { E2E_MAX_OPEN_REQUESTS } from "./support/limits";
import { pageAs } from "./support/personas";
import { requestAs, uniqueName } from "./support/workspaces";

/** A two-approval tier of its own for each test, so that no test needs another's tier. */
function fourEyesTier(): TierFields & { slug: string } {
  const slug = uniqueName("four-eyes");
  return {
    slug,
    name: `Four-eyes ${slug.slice("four-eyes-".length)}`,
    description: "Sensitive data: two admins approve.",
    twoApprovals: true,
    lifetimeDays: "30",
    quota: { "CPU requests (cores)": "2", "Memory requests": "4Gi", Pods: "5" },
    defaults: { cpuRequest: "100m", cpuLimit: "1", memoryRequest: "256Mi", memoryLimit: "1Gi" },
  };
}

const tierChoice = (tier: TierFields) => new RegExp(`^${tier.name}`);

/** Grace creates the tier and sees it saved; returns her tiers page. */
async function createTier(browser: Browser, tier: TierFields & { slug: string }): Promise<TiersPage> {
  const grace = await pageAs(browser, "admin");
  const tiers = new TiersPage(grace);
  await tiers.create(tier);
  await expect(grace.getByRole("status")).toContainText(`Saved tier “${tier.slug}”.`);
  return tiers;
}

/** Grace approves first (recorded, 1 of 2), Katherine second (the Profile is applied). */
async function approveByTwoAdmins(browser: Browser, name: string, betweenApprovals?: (queue: ApprovalQueuePage) => Promise<void>): Promise<void> {
  const grace = await pageAs(browser, "admin");
  const queue = new ApprovalQueuePage(grace);
  await queue.open(name);
  await queue.approve(name);
  await expect(grace.getByRole("status")).toContainText(`Your approval of ${name} was recorded (1 of 2)`);
  await betweenApprovals?.(queue);

  const katherine = await pageAs(browser, "secondAdmin");
  const second = new ApprovalQueuePage(katherine);
  await second.open(name);
  await second.approve(name);
  await expect(katherine.getByRole("status")).toContainText("The Profile was applied");
}

/** Opens one of Ada's workspaces from her list. */
async function openMyWorkspace(ada: Page, name: string): Promise<void> {
  const mine = new MyWorkspacesPage(ada);
  await mine.open();
  await mine.row(name).getByRole("link").click();
}

test("an admin creates a two-approval tier; a bad quantity is refused on its field", async ({ browser }) => {
  const tier = fourEyesTier();
  const grace = await pageAs(browser, "admin");
  const tiers = new TiersPage(grace);
  await tiers.create({ ...tier, quota: { ...tier.quota, Pods: "-1" } });
  // On its field (also listed, as a link to the field, in the summary at the top).
  await expect(grace.getByRole("group", { name: "Quota" }).getByText(/Pods: "-1" is not a Kubernetes quantity/)).toBeVisible();
  await expect(grace.getByLabel("Pods quota", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await tiers.create(tier);
  await expect(grace.getByRole("status")).toContainText(`Saved tier “${tier.slug}”.`);
  await expect(tiers.tier(tier.slug)).toContainText("Two approvals");
});

test("two admins editing one tier at once: the second save is refused as a conflict (THREATS 26)", async ({ browser }) => {
  const tier = fourEyesTier();
  const first = await createTier(browser, tier);
  const grace = await pageAs(browser, "admin");
  const katherine = await pageAs(browser, "secondAdmin");
  const gracesForm = new TiersPage(grace);
  const katherinesForm = new TiersPage(katherine);
  await gracesForm.openEdit(tier.slug);
  await katherinesForm.openEdit(tier.slug);
  await grace.getByLabel("Description").fill("Edited by Grace.");
  await grace.getByRole("button", { name: "Save changes" }).click();
  await expect(grace.getByRole("status")).toContainText(`Saved tier “${tier.slug}”.`);
  await katherine.getByLabel("Description").fill("Edited by Katherine.");
  await katherine.getByRole("button", { name: "Save changes" }).click();
  await expect(katherine.getByRole("alert").filter({ hasText: "Someone else changed this tier after you opened it." })).toBeVisible();
  await first.open();
  await expect(first.tier(tier.slug)).toContainText("Edited by Grace.");
});

test("a two-approval request needs two different admins; the second approval applies the Profile", async ({ browser }) => {
  // It creates its own tier and goes through three people; on a busy machine that takes a while.
  test.slow();
  const tier = fourEyesTier();
  await createTier(browser, tier);
  const name = uniqueName("sensitive-claims");
  const ada = await requestAs(browser, { name, tier: tierChoice(tier), reason: "Claims data with personal information." });

  await approveByTwoAdmins(browser, name, async (queue) => {
    await expect(queue.request(name)).toContainText("Approvals: 1 of 2 (grace@example.com)");
    await expect(queue.request(name).getByRole("button", { name: `Approve ${name}` })).toHaveCount(0);
  });
  const profile = await readProfile(name);
  expect(profile.spec.owner).toEqual({ kind: "User", name: "ada@example.com" });
  expect(profile.spec.resourceQuotaSpec.hard).toMatchObject({ "requests.cpu": "2", pods: "5" });

  await openMyWorkspace(ada, name);
  const history = ada.getByRole("region", { name: "History" });
  await expect(history).toContainText("Approval recorded (more needed) by grace@example.com");
  await expect(history).toContainText("Approved by katherine@example.com");
});

test("renewing a two-approval workspace needs two admins again", async ({ browser }) => {
  // Tier, request and two approvals of its own before the renewal and its two approvals.
  test.slow();
  const tier = fourEyesTier();
  await createTier(browser, tier);
  const name = uniqueName("sensitive-renewal");
  const ada = await requestAs(browser, { name, tier: tierChoice(tier), reason: "A claims study that may run longer." });
  await approveByTwoAdmins(browser, name);

  await openMyWorkspace(ada, name);
  await ada.getByLabel("Reason for renewal").fill("The claims study runs another month.");
  await ada.getByRole("button", { name: "Ask for renewal" }).click();
  // The form gives way to the pending renewal's state once the page is revalidated.
  await expect(ada.getByText(/^Renewal requested .*; waiting for two admins\.$/)).toBeVisible();

  const grace = await pageAs(browser, "admin");
  await new ApprovalQueuePage(grace).open();
  await grace.getByRole("button", { name: `Approve renewal of ${name}` }).click();
  await expect(grace.getByRole("status")).toContainText("Your approval was recorded; a second admin has to approve too.");

  const katherine = await pageAs(browser, "secondAdmin");
  await new ApprovalQueuePage(katherine).open();
  await katherine.getByRole("button", { name: `Approve renewal of ${name}` }).click();
  await expect(katherine.getByRole("status")).toContainText(`Renewed ${name} until`);
  await ada.reload();
  await expect(ada.getByRole("region", { name: "History" })).toContainText("Renewed by katherine@example.com");
});

test("an admin's own request offers no approve button, and another admin decides it (THREATS 7)", async ({ browser }) => {
  const name = uniqueName("grace-own");
  const grace = await requestAs(browser, { name, tier: /^Small/, reason: "My own experiments." }, "admin");
  const queue = new ApprovalQueuePage(grace);
  await queue.open(name);
  await expect(queue.request(name)).toContainText("This is your own request: another admin has to decide it.");
  await expect(queue.request(name).getByRole("button", { name: `Approve ${name}` })).toHaveCount(0);

  const katherine = await pageAs(browser, "secondAdmin");
  const other = new ApprovalQueuePage(katherine);
  await other.open(name);
  await other.approve(name);
  await expect(katherine.getByRole("status")).toContainText("The Profile was applied");
});

test("a requester cancels a pending request; it leaves the queue and its history says so", async ({ browser }) => {
  const name = uniqueName("changed-my-mind");
  const ada = await requestAs(browser, { name, tier: /^Small/, reason: "Maybe later." });
  await openMyWorkspace(ada, name);
  await ada.getByRole("button", { name: "Cancel request" }).click();
  await expect(ada.getByRole("button", { name: "Cancel request" })).toHaveCount(0);
  await expect(ada.getByRole("region", { name: "History" })).toContainText("Cancelled by ada@example.com");

  const grace = await pageAs(browser, "admin");
  const queue = new ApprovalQueuePage(grace);
  await queue.open(name);
  await expect(queue.request(name)).toHaveCount(0);
});

test("the open request beyond the limit is refused with a message naming the limit (THREATS 23)", async ({ browser }) => {
  const eve = await pageAs(browser, "noGroups");
  const form = new RequestWorkspacePage(eve);
  const refusal = eve
    .getByRole("alert")
    .filter({ hasText: `You already have ${E2E_MAX_OPEN_REQUESTS} open requests, the most allowed (${E2E_MAX_OPEN_REQUESTS}).` });
  // All but one of the open requests she may hold go straight into the database (the form would
  // take most of the test's time for them); the form then takes the last one and refuses the next.
  const held = uniqueName("eve-held");
  await withDatabase((db) =>
    db.query(
      `INSERT INTO workspaces (id, name, reason, requester_id, owner_email, tier_id, hard)
       SELECT gen_random_uuid(), $1 || '-' || n, 'Filling my quota of requests.', u.id, u.email, t.id, t.hard
       FROM users u, quota_tiers t,
         generate_series(1, $2::int - 1 - (SELECT count(*)::int FROM workspaces w, users v WHERE w.requester_id = v.id AND v.email = $3 AND w.status = 'PENDING')) n
       WHERE u.email = $3 AND t.slug = 'small-cpu'`,
      [held, E2E_MAX_OPEN_REQUESTS, "eve@example.com"],
    ),
  );
  for (let i = 0; i <= E2E_MAX_OPEN_REQUESTS; i++) {
    const name = uniqueName(`eve-${i}`);
    await form.open();
    await form.submit({ name, tier: /^Small/, reason: "Filling my quota of requests." });
    await expect(eve.getByRole("status").filter({ hasText: name }).or(refusal).first()).toBeVisible();
    if (await refusal.isVisible()) break;
  }
  await expect(refusal).toBeVisible();
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
