// The approval queue pages its requests: ten a page, oldest first, with page links that keep the
// filter, mark the current page for screen readers and pass axe on a phone's width.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { withDatabase } from "./support/database";
import { pageAs } from "./support/personas";
import { uniqueName } from "./support/workspaces";

test("twelve pending requests of one requester are two pages, and the links keep the filter", async ({ browser }) => {
  const base = uniqueName("paged");
  const email = `${base}@example.com`;
  await withDatabase(async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO users (id, issuer, subject, email, email_verified, name, last_roles) VALUES (gen_random_uuid(), 'e2e', $1, $1, true, 'Paged', '{requester}') RETURNING id`,
      [email],
    );
    // Letters the look-alike check keeps apart, one per request, oldest first.
    await db.query(
      `INSERT INTO workspaces (id, name, reason, requester_id, owner_email, tier_id, hard, created_at)
       SELECT gen_random_uuid(), $1 || '-' || substr('abcdfghjknpq', n, 1), 'Paged request', $2, $3, t.id, t.hard, now() - (13 - n) * interval '1 minute'
       FROM generate_series(1, 12) n, (SELECT id, hard FROM quota_tiers WHERE slug = 'small-cpu') t`,
      [base, rows[0]!.id, email],
    );
  });
  const grace = await pageAs(browser, "admin");
  await grace.setViewportSize({ width: 375, height: 800 });
  await grace.goto(`/admin/requests?requester=${encodeURIComponent(email)}`);

  await expect(grace.getByTestId("queue-range")).toHaveText("Requests 1–10 of 12, oldest first.");
  await expect(grace.getByRole("listitem", { name: /^Request / })).toHaveCount(10);
  await expect(grace.getByRole("listitem", { name: `Request ${base}-a` })).toBeVisible();
  const top = grace.getByRole("navigation", { name: "Queue pages, top" });
  await expect(top.locator("[aria-current=page]")).toHaveText("Page 1");

  await top.getByRole("link", { name: "Next page" }).click();
  await expect(grace).toHaveURL(/page=2/);
  expect(new URL(grace.url()).searchParams.get("requester")).toBe(email);
  await expect(grace.getByTestId("queue-range")).toHaveText("Requests 11–12 of 12, oldest first.");
  await expect(grace.getByRole("listitem", { name: /^Request / })).toHaveCount(2);
  await expect(grace.getByRole("listitem", { name: `Request ${base}-q` })).toBeVisible();
  await expect(grace.getByRole("navigation", { name: "Queue pages, bottom" }).locator("[aria-current=page]")).toHaveText("Page 2");

  const violations = (await new AxeBuilder({ page: grace }).include("nav").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze()).violations;
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  expect(await grace.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});
