// One real sign-in per persona through the Dex stand-in's login form; the session cookies
// are saved and reused by the specs.
import { test as setup } from "@playwright/test";
import { signInThroughDex } from "./pages/sign-in";
import { PERSONAS, storageStatePath, type Persona } from "./support/personas";

for (const persona of Object.keys(PERSONAS) as Persona[]) {
  setup(`sign in as ${persona}`, async ({ page }) => {
    await signInThroughDex(page, PERSONAS[persona]);
    await page.context().storageState({ path: storageStatePath(persona) });
  });
}
