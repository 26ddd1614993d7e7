// Guardrails, capacity and posture through the browser: a restricted, no-internet tier puts its
// labels and policy into the namespace; the approval card warns when GPUs would be overcommitted;
// the posture page flags a Profile made through the API and the missing registration block.
import { expect, type Browser, test } from "@playwright/test";
import { TiersPage, type TierFields } from "./pages/admin";
import { ApprovalQueuePage } from "./pages/portal";
import { createForeignProfile, readGuardrails } from "./support/cluster";
import { pageAs } from "./support/personas";
import { requestAs, uniqueName } from "./support/workspaces";

const DEFAULTS = { cpuRequest: "100m", cpuLimit: "1", memoryRequest: "256Mi", memoryLimit: "1Gi" };

async function createTier(browser: Browser, tier: TierFields & { slug: string }, podSecurity?: string) {
  const grace = await pageAs(browser, "admin");
  const tiers = new TiersPage(grace);
  await grace.goto("/admin/tiers/new");
  await grace.getByLabel("Identifier").fill(tier.slug);
  await tiers.fill(tier);
  if (podSecurity) await grace.getByLabel("Pod Security level").selectOption(podSecurity);
  await grace.getByRole("button", { name: "Create tier" }).click();
  await expect(grace.getByRole("status")).toContainText(`Saved tier`);
  return { grace, tiers };
}

test("a restricted tier without internet: the namespace carries the Pod Security labels and berth-egress (THREATS 50, 51)", async ({ browser }) => {
  const slug = uniqueName("locked");
  const label = `Locked ${slug}`;
  const { grace, tiers } = await createTier(
    browser,
    { slug, name: label, description: "No internet.", twoApprovals: false, lifetimeDays: "30", quota: { "CPU requests (cores)": "2", "Memory requests": "4Gi", Pods: "5" }, defaults: DEFAULTS },
    "restricted",
  );
  await tiers.open();
  await expect(tiers.tier(slug).getByLabel("Guardrails").getByRole("definition").first()).toHaveText("restricted");
  await expect(tiers.tier(slug)).toContainText("no internet");

  const name = uniqueName("locked-ws");
  const ada = await pageAs(browser, "requester");
  await ada.goto("/workspaces/new");
  // What the requester gets is shown before they ask.
  await expect(ada.getByRole("radio", { name: new RegExp(`^${label}`) })).toHaveAccessibleName(/Pod Security\s*restricted.*no internet/);
  await requestAs(browser, { name, tier: new RegExp(`^${label}`), reason: "Guardrails end-to-end." });

  const queue = new ApprovalQueuePage(grace);
  await queue.open(name);
  await expect(queue.request(name).getByLabel("Guardrails").getByRole("definition").first()).toHaveText("restricted");
  await queue.approve(name);
  await expect(grace.getByRole("status")).toContainText("The Profile was applied");

  const { labels, egress } = await readGuardrails(name);
  expect(labels).toMatchObject({
    "pod-security.kubernetes.io/enforce": "restricted",
    "pod-security.kubernetes.io/warn": "restricted",
    "pod-security.kubernetes.io/audit": "restricted",
    "istio-injection": "enabled",
  });
  expect(egress).not.toBeNull();
  expect(JSON.stringify(egress)).not.toContain("ipBlock");
});

test("the approval card shows capacity and warns when GPUs would be overcommitted (THREATS 53)", async ({ browser }) => {
  const slug = uniqueName("gpu-big");
  const label = `Big GPU ${slug}`;
  await createTier(browser, {
    slug,
    name: label,
    description: "More GPUs than the cluster has.",
    twoApprovals: false,
    lifetimeDays: "30",
    quota: { "CPU requests (cores)": "4", "Memory requests": "16Gi", GPUs: "5", Pods: "5" },
    defaults: DEFAULTS,
  });
  const name = uniqueName("gpu-ws");
  await requestAs(browser, { name, tier: new RegExp(`^${label}`), reason: "Training a model." });
  const grace = await pageAs(browser, "admin");
  const queue = new ApprovalQueuePage(grace);
  await queue.open(name);
  const capacity = queue.request(name).getByLabel(`Capacity for ${name}`);
  await expect(capacity.getByRole("table")).toContainText("schedulable nodes");
  await expect(capacity.getByRole("row").filter({ hasText: "GPUs" })).toContainText("5");
  await expect(capacity.getByRole("alert")).toContainText("GPUs would be overcommitted");
  await expect(capacity.getByRole("alert")).toContainText("above the limit of 1×");
});

test("the posture page flags a Profile created directly through the API and the missing registration block (THREATS 54)", async ({ browser }) => {
  const foreign = uniqueName("kubectl-made");
  await createForeignProfile(foreign, "eve@example.com");
  const grace = await pageAs(browser, "admin");
  await grace.goto("/admin/posture");
  await expect(grace.getByRole("heading", { name: "Posture", level: 1 })).toBeVisible();
  const managed = grace.getByRole("listitem", { name: "Check profiles-managed" });
  await expect(managed).toContainText("fail");
  await expect(managed).toContainText(foreign);
  await expect(managed).toContainText("How to fix it");
  const route = grace.getByRole("listitem", { name: "Check registration-route-blocked" });
  await expect(route).toContainText("fail");
  await expect(route).toContainText("block-dashboard-registration.example.yaml");
  await expect(grace.getByRole("listitem", { name: "Check registration-flow-off" })).toContainText("pass");
  // Recorded as failing: every admin page now carries the banner.
  await grace.goto("/admin/tiers");
  await expect(grace.getByRole("alert", { name: "Posture" })).toContainText("profiles-managed");
});

test("a requester cannot open the posture page (THREATS 2)", async ({ browser }) => {
  const ada = await pageAs(browser, "requester");
  const response = await ada.goto("/admin/posture");
  expect(response?.status()).toBe(403);
});
