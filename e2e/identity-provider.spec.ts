// Sign-in callbacks that were tampered with or replayed (THREATS 14), and ID tokens a correct
// relying party must refuse (THREATS 15), never produce a session.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { setDexDown, setIdTokenTamper, type TamperMode } from "./support/dex";
import { PASSWORD, PERSONAS, storageStatePath } from "./support/personas";

async function hasSession(context: BrowserContext): Promise<boolean> {
  return (await context.cookies()).some((cookie) => cookie.name.includes("authjs.session-token"));
}

/**
 * Rewrites the redirect from Dex back to the portal's callback, as a man in the middle would.
 * The browser follows redirects without showing them to request interception, so the chain
 * that starts with the login form's POST is walked here (sharing the browser's cookies) and
 * the browser is handed only the altered callback address.
 */
async function tamperWithCallback(page: Page, change: (callback: URL) => void): Promise<void> {
  await page.route("**/dex/**", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    let response = await route.fetch({ maxRedirects: 0 });
    for (let hop = 0; hop < 5; hop++) {
      const location = response.headers()["location"];
      if (!location) break;
      const next = new URL(location, response.url());
      if (next.pathname.endsWith("/api/auth/callback/dex")) {
        change(next);
        return route.fulfill({ status: 303, headers: { location: next.toString() } });
      }
      response = await page.request.get(next.toString(), { maxRedirects: 0 });
    }
    await route.fulfill({ response });
  });
}

async function startDexLogin(page: Page): Promise<void> {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Dex" }).click();
  await page.getByLabel("Email").fill(PERSONAS.requester);
  await page.getByLabel("Password").fill(PASSWORD);
}

test("a callback whose state was altered creates no session", async ({ page, context }) => {
  await startDexLogin(page);
  await tamperWithCallback(page, (callback) => callback.searchParams.set("state", "forged-state"));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/signin\?error=/);
  await expect(page.getByRole("alert").filter({ hasText: /Sign-in|sign-in/ })).toBeVisible();
  expect(await hasSession(context)).toBe(false);
});

test("a callback without state creates no session", async ({ page, context }) => {
  await startDexLogin(page);
  await tamperWithCallback(page, (callback) => callback.searchParams.delete("state"));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/signin\?error=/);
  expect(await hasSession(context)).toBe(false);
});

test("replaying a used callback URL in another browser creates no session", async ({ page, browser }) => {
  await startDexLogin(page);
  const callback = page.waitForRequest((request) => request.url().includes("/api/auth/callback/dex?"));
  await page.getByRole("button", { name: "Sign in" }).click();
  const used = (await callback).url();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();

  const attacker = await browser.newContext();
  const attackerPage = await attacker.newPage();
  await attackerPage.goto(used);
  await expect(attackerPage).toHaveURL(/\/signin/);
  expect(await hasSession(attacker)).toBe(false);
  await attacker.close();
});

test("a sign-in asked to return to another site lands on the portal (THREATS 12)", async ({ page, baseURL }) => {
  await page.goto("/signin?callbackUrl=https%3A%2F%2Fevil.example%2Fsteal");
  await page.getByRole("button", { name: "Sign in with Dex" }).click();
  await page.getByLabel("Email").fill(PERSONAS.requester);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(baseURL ?? "").origin);
  expect(page.url()).not.toContain("evil.example");
});

test("the session cookie is HttpOnly and SameSite=Lax (THREATS 11)", async ({ page, context }) => {
  await startDexLogin(page);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  const session = (await context.cookies()).find((cookie) => cookie.name.includes("authjs.session-token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  expect(page.url()).not.toMatch(/token|code=/);
});

test.describe("ID tokens the portal must refuse (THREATS 15)", () => {
  test.afterEach(() => setIdTokenTamper(null));

  const modes: [TamperMode, string][] = [
    ["wrong-issuer", "an issuer with a trailing slash"],
    ["wrong-audience", "another client as audience"],
    ["wrong-nonce", "a nonce the portal did not send"],
    ["expired", "an expiry in the past"],
    ["unsigned", "no signature (alg none)"],
    ["unknown-key", "a signature by a key not in Dex's JWKS"],
  ];
  for (const [mode, what] of modes) {
    test(`an ID token with ${what} creates no session`, async ({ page, context }) => {
      await setIdTokenTamper(mode);
      await startDexLogin(page);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(/\/signin\?error=/);
      expect(await hasSession(context)).toBe(false);
    });
  }

  test("a refused sign-in is audited with its reason", async ({ page, browser }) => {
    await setIdTokenTamper("unknown-key");
    await startDexLogin(page);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/signin\?error=/);

    const auditor = await browser.newContext({ storageState: storageStatePath("auditor") });
    const audit = await auditor.newPage();
    await audit.goto("/audit");
    const row = audit.getByRole("row").filter({ hasText: "ID token not signed by the issuer's keys" }).first();
    await expect(row).toContainText("auth.sign_in");
    await expect(row).toContainText("failure");
    await auditor.close();
  });
});

test.describe("Dex unreachable (THREATS 16)", () => {
  test.afterEach(() => setDexDown(false));

  test("sign-in shows a clear error page and existing sessions keep working", async ({ page, browser }) => {
    await setDexDown(true);
    await page.goto("/signin");
    await page.getByRole("button", { name: "Sign in with Dex" }).click();
    await expect(page).toHaveURL(/\/signin\?error=/);
    await expect(page.getByRole("alert").filter({ hasText: "identity provider may be unreachable" })).toBeVisible();

    const ada = await browser.newContext({ storageState: storageStatePath("requester") });
    const workspaces = await ada.newPage();
    await workspaces.goto("/workspaces");
    await expect(workspaces.getByRole("heading", { name: "My workspaces" })).toBeVisible();
    await ada.close();
  });
});
