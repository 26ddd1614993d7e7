// The demo accounts the Dex stand-in knows, by the role they play in the tests.
import path from "node:path";

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
