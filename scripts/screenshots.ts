// `npm run screenshots`: signs in as each persona against a running Berth (BERTH_URL,
// default http://localhost:3000, with the demo stand-ins) and saves the README's pictures.
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";

const baseURL = process.env.BERTH_URL ?? "http://localhost:3000";
const outDir = path.resolve("docs/screenshots");
const suffix = Date.now().toString(36).slice(-4);

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await browser.newPage({ baseURL, viewport: { width: 1200, height: 760 } });
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in with Dex" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("berth");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("signed-in-as").waitFor();
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true });
  console.log(`saved docs/screenshots/${name}.png`);
}

/** The same page as a phone (375 px) or in the dark theme, then back to the desktop's light look. */
async function shotAs(page: Page, name: string, look: { dark?: boolean; mobile?: boolean }): Promise<void> {
  await page.emulateMedia({ colorScheme: look.dark ? "dark" : "light" });
  if (look.mobile) await page.setViewportSize({ width: 375, height: 760 });
  await shot(page, name);
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1200, height: 760 });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const signIn = await browser.newPage({ baseURL, viewport: { width: 1200, height: 760 } });
  await signIn.goto("/signin");
  await shot(signIn, "sign-in");

  const ada = await signedIn(browser, "ada@example.com");
  await ada.goto("/workspaces/new");
  await ada.getByLabel("Workspace name").fill(`churn-models-${suffix}`);
  await ada.getByRole("radio", { name: /^Standard/ }).check();
  await ada.getByLabel("Reason").fill("Training churn-prediction models for the Q1 retention campaign.");
  await shot(ada, "request-form");
  await shotAs(ada, "request-form-mobile", { mobile: true });
  await ada.getByRole("button", { name: "Submit request" }).click();
  await ada.getByRole("status").waitFor();

  const grace = await signedIn(browser, "grace@example.com");
  await grace.goto("/admin/requests");
  await shot(grace, "approval-queue");
  await shotAs(grace, "approval-queue-dark", { dark: true });
  await grace.getByRole("button", { name: `Approve churn-models-${suffix}` }).click();
  await grace.getByRole("status").waitFor();

  await ada.goto("/workspaces");
  await shot(ada, "my-workspaces");
  await ada.getByRole("link", { name: `churn-models-${suffix}` }).click();
  await ada.getByRole("heading", { name: `churn-models-${suffix}` }).waitFor();
  await shot(ada, "workspace");
  await shotAs(ada, "workspace-dark-mobile", { dark: true, mobile: true });

  await grace.goto("/admin/cluster");
  await shot(grace, "cluster");

  const alan = await signedIn(browser, "alan@example.com");
  await alan.goto("/audit");
  await shot(alan, "audit-trail");
  await shotAs(alan, "audit-trail-dark", { dark: true });
} finally {
  await browser.close();
}
