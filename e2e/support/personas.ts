// The demo accounts the Dex stand-in knows, by the role they play in the tests.
import path from "node:path";
import type { Browser, Page } from "@playwright/test";

export const PASSWORD = "berth";

export const PERSONAS = {
  requester: "ada@example.com",
  admin: "grace@example.com",
  secondAdmin: "katherine@example.com",
  auditor: "alan@example.com",
  noGroups: "eve@example.com",
} as const;

export type Persona = keyof typeof PERSONAS;

export function storageStatePath(persona: Persona): string {
  return path.resolve("e2e/.auth", String(process.env.E2E_PORT ?? 3100), `${persona}.json`);
}

/** A page in a fresh browser context signed in as the persona. */
export async function pageAs(browser: Browser, persona: Persona): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStatePath(persona) });
  return context.newPage();
}
