// The auditor's work end to end: filter the trail, open an event's diff, export, verify the
// chain and re-check an exported head; requesters cannot open any audit page.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { AuditTrailPage, VerifyPage } from "./pages/audit";
import { ApprovalQueuePage } from "./pages/portal";
import { pageAs } from "./support/personas";
import { activeWorkspace, requestAs, uniqueName } from "./support/workspaces";

test("an auditor filters the trail, opens an approval's diff, exports it and verifies the chain", async ({ browser }) => {
  // A workspace made active, then the whole story, ending with a verification job that runs to its end.
  test.setTimeout(90_000);
  const name = uniqueName("audited-ws");
  await activeWorkspace(browser, name, "For the auditor.");

  const alan = await pageAs(browser, "auditor");
  const trail = new AuditTrailPage(alan);
  await trail.open();
  await trail.filter({ workspace: name, action: "workspace.approved" });
  await expect(alan).toHaveURL(new RegExp(`workspace=${name}`));
  await expect(alan).toHaveURL(/action=workspace.approved/);
  await expect(trail.rows()).toHaveCount(1);
  await expect(trail.rows().first()).toContainText("grace@example.com");

  // The filter is in the URL: the same view opens from a shared link.
  const shared = await pageAs(browser, "auditor");
  await shared.goto(alan.url());
  await expect(new AuditTrailPage(shared).rows()).toHaveCount(1);

  const csv = await trail.export("CSV");
  const csvText = await readFile((await csv.path()) ?? "", "utf8");
  expect(csvText.split("\r\n")[0]).toContain('"seq"');
  expect(csvText).toContain('"workspace.approved"');
  expect(csvText).toContain(`"${name}"`);

  await trail.rows().first().getByRole("link", { name: /^Event \d+$/ }).click();
  await expect(alan.getByRole("heading", { name: /^Event \d+$/ })).toBeVisible();
  const changes = alan.getByRole("table", { name: "Changes" });
  await expect(changes.getByRole("row").filter({ hasText: "status" })).toContainText('"PENDING"');
  await expect(changes.getByRole("row").filter({ hasText: "status" })).toContainText('"PROVISIONING"');
  await alan.getByRole("link", { name: "Other events by grace@example.com" }).click();
  await expect(alan).toHaveURL(/actor=grace%40example.com/);

  // The export itself is in the trail.
  await trail.open("?action=audit.exported&actor=alan%40example.com");
  await expect(trail.rows().first()).toContainText("audit.exported");

  const verify = new VerifyPage(alan);
  await verify.open();
  await verify.verify();
  // A job: its row moves from running to its outcome while the page refreshes itself.
  await expect(alan.getByRole("table", { name: "Verifications" }).getByRole("status").first()).toContainText(/\d+ events intact, up to event \d+/);
  await expect(alan.getByText(/^Checkpoint signing key$/)).toBeVisible();
  const head = await readFile((await (await verify.downloadHead()).path()) ?? "", "utf8");
  expect(JSON.parse(head)).toMatchObject({ seq: expect.stringMatching(/^\d+$/), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  await verify.checkHead(head);
  await expect(alan.getByRole("status").filter({ hasText: "The exported head is still in the chain." })).toBeVisible();
  await verify.checkHead(`1:${"0".repeat(64)}`);
  await expect(alan.getByRole("alert").filter({ hasText: "the chain was rewritten" })).toBeVisible();
});

test("a forged page cursor gets a clear message, and the export answers 400", async ({ browser, baseURL }) => {
  const alan = await pageAs(browser, "auditor");
  await alan.goto("/audit?before=1%20OR%201%3D1");
  await expect(alan.getByRole("alert").filter({ hasText: "That page link is not valid." })).toBeVisible();
  const response = await alan.request.post(`${baseURL}/audit/export`, { form: { format: "csv", before: "abc" }, headers: { origin: baseURL ?? "" } });
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain("That page link is not valid.");
});

test("a failed attempt is in the trail: a rejection without a reason", async ({ browser }) => {
  const name = uniqueName("failed-attempt");
  await requestAs(browser, { name, tier: /^Small/, reason: "x" });
  const queue = new ApprovalQueuePage(await pageAs(browser, "secondAdmin"));
  await queue.open(name);
  await queue.reject(name, "");
  await expect(queue.request(name)).toContainText("Reason for rejection is required.");

  const trail = new AuditTrailPage(await pageAs(browser, "auditor"));
  await trail.open("?action=action.failed&actor=katherine%40example.com");
  await expect(trail.rows().first()).toContainText("rejecting a request: Please correct the highlighted fields.");
});

test.describe("requesters cannot open the audit pages", () => {
  for (const path of ["/audit/verify", "/audit/events/1"]) {
    test(`requester opening ${path} gets 403`, async ({ browser }) => {
      const ada = await pageAs(browser, "requester");
      const response = await ada.goto(path);
      expect(response?.status()).toBe(403);
      await expect(ada.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    });
  }
  test("requester downloading /audit/verify/head gets 403 and no data", async ({ browser, baseURL }) => {
    const ada = await pageAs(browser, "requester");
    const response = await ada.request.get(`${baseURL}/audit/verify/head`);
    expect(response.status()).toBe(403);
    expect(await response.text()).not.toContain("hash");
  });
  test("requester starting an export gets 403 and no data", async ({ browser, baseURL }) => {
    const ada = await pageAs(browser, "requester");
    const response = await ada.request.post(`${baseURL}/audit/export`, { form: { format: "csv" }, headers: { origin: baseURL ?? "" } });
    expect(response.status()).toBe(403);
    expect(await response.text()).not.toContain("hash");
  });
});

test("an export cannot be started by a GET or from another site (THREATS 68)", async ({ browser, baseURL }) => {
  const alan = await pageAs(browser, "auditor");
  expect((await alan.request.get(`${baseURL}/audit/export?format=csv`)).status()).toBe(405);
  const crossSite = await alan.request.post(`${baseURL}/audit/export`, { form: { format: "csv" }, headers: { origin: "https://evil.example" } });
  expect(crossSite.status()).toBe(403);
  expect(await crossSite.text()).not.toContain("hash");
});

test("an auditor proves one event against a signed checkpoint and downloads the verifiable bundle", async ({ browser }) => {
  test.setTimeout(60_000);
  const alan = await pageAs(browser, "auditor");
  const trail = new AuditTrailPage(alan);
  await trail.open("?action=auth.sign_in");
  await trail.rows().first().getByRole("link", { name: /^Event \d+$/ }).click();
  await expect(alan.getByRole("heading", { name: /^Event \d+$/ })).toBeVisible();
  const eventUrl = alan.url();
  await alan.getByRole("link", { name: "Prove this event" }).click();
  await expect(alan).toHaveURL(/\?prove=1$/);
  // The checkpoint is signed by the next reconciler pass: until then the page says so.
  await expect(async () => {
    await alan.goto(`${eventUrl}?prove=1`);
    await expect(alan.getByRole("region", { name: "Proof" }).getByRole("status")).toContainText(/the proof of \d+ hashes verifies/, { timeout: 1_000 });
  }).toPass({ timeout: 40_000 });
  await trail.open();
  const bundle = await trail.export("verifiable bundle");
  const lines = (await readFile((await bundle.path()) ?? "", "utf8")).trim().split("\n");
  expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({ type: "header", verifierKey: expect.stringMatching(/^localhost\/berth-audit\+[0-9a-f]{8}\+/) });
  expect(lines.some((line) => line.includes('"type":"checkpoint"'))).toBe(true);
});

test("a requester sees their own workspace's history on its page", async ({ browser }) => {
  const name = uniqueName("with-history");
  const ada = await requestAs(browser, { name, tier: /^Small/, reason: "History." });
  await ada.goto("/workspaces");
  await ada.getByRole("link", { name, exact: true }).click();
  const history = ada.getByRole("region", { name: "History" });
  await expect(history).toContainText("Requested");
  await expect(history).not.toContainText("workspace.requested");
});
