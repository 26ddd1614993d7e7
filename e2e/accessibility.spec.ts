// Every page, for each persona, in light and dark, on a desktop and a 375 px phone: no serious or
// critical axe violation (WCAG 2.1 A/AA rules), and no page wider than the phone's viewport.
// One load per page; the four looks are switched on the loaded page. To keep the run short, the
// dark desktop look runs only the rule a change of colours can break (color-contrast), and the
// light phone look only checks the width.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { pagePaths } from "./support/app-routes";
import { pageAs, type Persona } from "./support/personas";
import { activeWorkspace, uniqueName } from "./support/workspaces";

const LOOKS: { name: string; width: number; height: number; colorScheme: "light" | "dark"; onlyContrast?: boolean; onlyLayout?: boolean }[] = [
  { name: "desktop light", width: 1280, height: 800, colorScheme: "light" },
  { name: "mobile dark", width: 375, height: 740, colorScheme: "dark" },
  { name: "desktop dark", width: 1280, height: 800, colorScheme: "dark", onlyContrast: true },
  // Colours do not depend on the width: light at 375 px checks the layout only.
  { name: "mobile light", width: 375, height: 740, colorScheme: "light", onlyLayout: true },
];

interface Finding {
  look: string;
  rule: string;
  impact: string;
  targets: string[];
}

async function check(page: Page): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const look of LOOKS) {
    await page.setViewportSize({ width: look.width, height: look.height });
    await page.emulateMedia({ colorScheme: look.colorScheme });
    const axe = new AxeBuilder({ page });
    const violations = look.onlyLayout
      ? []
      : (await (look.onlyContrast ? axe.withRules(["color-contrast"]) : axe.withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])).analyze()).violations;
    for (const violation of violations) {
      if (violation.impact !== "serious" && violation.impact !== "critical") continue;
      findings.push({ look: look.name, rule: violation.id, impact: violation.impact, targets: violation.nodes.slice(0, 3).map((n) => n.target.join(" ")) });
    }
    if (look.width === 375) {
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
      if (scrollWidth > innerWidth) findings.push({ look: look.name, rule: "page-wider-than-viewport", impact: "serious", targets: [`${scrollWidth}px > ${innerWidth}px`] });
    }
  }
  return findings;
}

let workspaceId = "";

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  test.setTimeout(60_000);
  const name = uniqueName("axe");
  const grace = await activeWorkspace(browser, name);
  await grace.context().close();
  const ada = await pageAs(browser, "requester");
  await ada.goto("/workspaces");
  const href = await ada.getByRole("link", { name, exact: true }).getAttribute("href");
  workspaceId = href?.split("/").at(-1) ?? "";
  await ada.context().close();
});

const PAGES: [Persona | null, string][] = [
  [null, "/signin"],
  ["requester", "/workspaces"],
  ["requester", "/workspaces/new"],
  ["requester", "/workspaces/:id"],
  ["requester", "/directory"],
  ["requester", "/directory/:id"],
  ["requester", "/access"],
  ["requester", "/notifications"],
  ["admin", "/admin/requests"],
  ["admin", "/admin/tiers"],
  ["admin", "/admin/tiers/new"],
  ["admin", "/admin/tiers/small-cpu"],
  ["admin", "/admin/notifications"],
  ["admin", "/admin/cluster"],
  ["admin", "/admin/posture"],
  ["admin", "/admin/people"],
  ["admin", "/admin/workspaces"],
  ["admin", "/admin/workspaces/:id"],
  ["auditor", "/audit"],
  ["auditor", "/audit?actor=nobody-matches"],
  // An event page carries its inclusion proof once a checkpoint covers it (the server signs them as it goes).
  ["auditor", "/audit/events/1"],
  ["auditor", "/audit/verify"],
  ["auditor", "/audit/access"],
  ["requester", "/no-such-page"],
];

// Pages the sweep does not load, each with the reason.
const NOT_SWEPT: Record<string, string> = {
  "/": "only redirects to the person's start page",
};

test("the sweep covers every page of the app", () => {
  const swept = new Set(PAGES.map(([, path]) => path.split("?")[0]!.replace(":id", "[id]").replace("small-cpu", "[slug]").replace(/\/events\/1$/, "/events/[seq]")));
  expect(pagePaths().filter((page) => !swept.has(page) && !(page in NOT_SWEPT))).toEqual([]);
});

for (const [persona, path] of PAGES) {
  test(`${path} as ${persona ?? "nobody"}: no serious axe violation, light and dark, desktop and 375 px`, async ({ browser }) => {
    test.setTimeout(90_000);
    const page = persona ? await pageAs(browser, persona) : await (await browser.newContext()).newPage();
    await page.goto(path.replace(":id", workspaceId));
    await expect(page.locator("main, body").first()).toBeVisible();
    expect(await check(page)).toEqual([]);
    await page.context().close();
  });
}

test("a form showing its errors has no serious axe violation either", async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await pageAs(browser, "requester");
  await page.goto("/workspaces/new");
  await page.getByLabel("Workspace name").fill("Bad Name");
  await page.getByLabel("Reason").fill("r");
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Please correct" })).toBeVisible();
  expect(await check(page)).toEqual([]);
  await page.context().close();
});
