// The admins' Workspaces list: search by part of a name, filter by state, and open one workspace,
// whose operations each open their own form (THREATS 86).
import { expect, test } from "@playwright/test";
import { pageAs } from "./support/personas";
import { requestAs, uniqueName } from "./support/workspaces";

test("an admin finds a workspace by part of its name and state, and its page shows operations behind their own buttons", async ({ browser }) => {
  const name = uniqueName("findme");
  await requestAs(browser, { name, tier: /^Small/, reason: "To be found in the admin list." });
  const grace = await pageAs(browser, "admin");
  await grace.goto("/admin/requests");
  await grace.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Workspaces", exact: true }).click();
  await expect(grace.getByRole("heading", { name: "Workspaces", exact: true })).toBeVisible();

  const search = grace.getByRole("search", { name: "Search workspaces" });
  await search.getByLabel("Name or owner contains").fill(name.slice(-8).toUpperCase());
  await search.getByLabel("State").selectOption("PENDING");
  await search.getByRole("button", { name: "Search" }).click();
  await expect(grace).toHaveURL(/state=PENDING/);
  const rows = grace.getByRole("row").filter({ hasText: name });
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("Pending approval");

  await search.getByLabel("State").selectOption("ACTIVE");
  await search.getByRole("button", { name: "Search" }).click();
  await expect(grace.getByText("No workspace matches.")).toBeVisible();

  await grace.goto(`/admin/workspaces?after=forged`);
  await expect(grace.getByRole("alert").filter({ hasText: "That page link is not valid any more" })).toBeVisible();
});

test("removing a quota limit on the admin workspace page needs its own confirmation", async ({ browser }) => {
  // A request and its approval come first.
  test.slow();
  const { activeWorkspace } = await import("./support/workspaces");
  const { ClusterPage } = await import("./pages/admin-cluster");
  const name = uniqueName("keep-limits");
  const grace = await activeWorkspace(browser, name);
  const cluster = new ClusterPage(grace);
  await cluster.open();
  const workspace = await cluster.openWorkspace(name);
  await expect(grace.getByRole("button", { name: "Save quota" })).toBeHidden();
  await workspace.editQuota({ Pods: "" }, "Oops, cleared a field.");
  // The error sits on the emptied field itself (and in the form's summary, which links to it).
  await expect(grace.locator('[id$="quota-pods-errors"]')).toContainText("Pods: empty removes this limit.");
  await expect(grace.getByRole("alert").filter({ hasText: "confirm the removal or fill in a value" })).toBeVisible();
});
