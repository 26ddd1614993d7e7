// Signing in the way a person does: Berth's sign-in page, then the Dex stand-in's form.
import { expect, type Page } from "@playwright/test";
import { PASSWORD } from "../support/personas";

export async function signInThroughDex(page: Page, email: string, password = PASSWORD, startAt = "/"): Promise<void> {
  await page.goto(startAt);
  await page.getByRole("button", { name: "Sign in with Dex" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText(email);
}
