// In-app notifications: the bell counts what the person has not read, the page lists it with a link,
// and marking read is per person (THREATS 84).
import { expect, test, type Page } from "@playwright/test";
import { pageAs } from "./support/personas";
import { ApprovalQueuePage } from "./pages/portal";
import { requestAs, uniqueName } from "./support/workspaces";

async function markAllRead(page: Page): Promise<void> {
  await page.goto("/notifications");
  const all = page.getByRole("button", { name: "Mark all read" });
  if (await all.isVisible()) {
    await all.click();
    await expect(page.getByRole("button", { name: "Mark all read" })).toHaveCount(0);
  }
  await expect(page.getByTestId("notification-bell")).toHaveAccessibleName("Notifications, none unread");
}

test("an approval shows up under the owner's bell; opening and marking it read clears the count, the admin's stays their own", async ({ browser }) => {
  // Three personas, a request and its approval.
  test.slow();
  const ada = await pageAs(browser, "requester");
  await markAllRead(ada);
  const katherine = await pageAs(browser, "secondAdmin");
  await markAllRead(katherine);

  const name = uniqueName("bell");
  await requestAs(browser, { name, tier: /^Small/, reason: "Tell me when it is approved." });
  // Every admin hears of the new request.
  await katherine.reload();
  await expect(katherine.getByTestId("notification-bell")).toHaveAccessibleName(/^Notifications, [1-9]\d* unread$/);

  const grace = await pageAs(browser, "admin");
  const queue = new ApprovalQueuePage(grace);
  await queue.open(name);
  await queue.approve(name);
  await expect(grace.getByRole("status").filter({ hasText: name })).toBeVisible();

  await ada.reload();
  await expect(ada.getByTestId("notification-bell")).toHaveAccessibleName("Notifications, 1 unread");
  await ada.getByTestId("notification-bell").click();
  await expect(ada.getByRole("heading", { name: "Notifications" })).toBeVisible();
  const entry = ada.getByRole("listitem").filter({ hasText: `Workspace ${name} for ada@example.com was approved` });
  await expect(entry).toContainText("Unread");
  await entry.getByRole("button", { name: "Mark read" }).click();
  await expect(ada.getByTestId("notification-bell")).toHaveAccessibleName("Notifications, none unread");
  await expect(entry).not.toContainText("Unread");
  await entry.getByRole("link").click();
  await expect(ada.getByRole("heading", { name, exact: true })).toBeVisible();

  // Katherine's unread "new request" is hers: Ada's reading changed nothing for her.
  await katherine.reload();
  await expect(katherine.getByTestId("notification-bell")).toHaveAccessibleName(/^Notifications, [1-9]\d* unread$/);
});

test("the admins' Notifications page tells how many are waiting when no webhook is configured", async ({ browser }) => {
  const grace = await pageAs(browser, "admin");
  await grace.goto("/admin/notifications");
  await expect(grace.getByRole("status")).toContainText("No webhook is configured");
  await expect(grace.getByTestId("delivery-waiting")).not.toContainText(/^Waiting for a first attempt0$/);
  await expect(grace.getByText("Every notification was delivered.")).toHaveCount(0);
});
