// Steers the Dex stand-in of the e2e stack through its test-only control endpoint.
import { readFileSync } from "node:fs";
import path from "node:path";
import { E2E_DATA_DIR } from "./data-dir";

export type TamperMode = "wrong-issuer" | "wrong-audience" | "wrong-nonce" | "expired" | "unsigned" | "unknown-key";

async function control(endpoint: string, body: unknown): Promise<void> {
  const { url, controlToken } = JSON.parse(readFileSync(path.join(E2E_DATA_DIR, "dex.json.control"), "utf8")) as {
    url: string;
    controlToken: string;
  };
  const response = await fetch(`${url}/_standin/${endpoint}`, {
    method: "POST",
    headers: { authorization: `Bearer ${controlToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`Dex stand-in refused ${endpoint} ${JSON.stringify(body)}: ${response.status}`);
}

export const setIdTokenTamper = (mode: TamperMode | null) => control("tamper", { mode });

/** Simulates Dex being unreachable: its connections are dropped until `false`. */
export const setDexDown = (down: boolean) => control("outage", { down });
