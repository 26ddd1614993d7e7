// Steers the Dex stand-in of the e2e stack through its test-only control endpoint.
import { readFileSync } from "node:fs";
import path from "node:path";
import { E2E_DATA_DIR } from "./data-dir";

export type TamperMode = "wrong-issuer" | "wrong-audience" | "wrong-nonce" | "expired" | "unsigned" | "unknown-key";

export async function setIdTokenTamper(mode: TamperMode | null): Promise<void> {
  const { url, controlToken } = JSON.parse(readFileSync(path.join(E2E_DATA_DIR, "dex.json.control"), "utf8")) as {
    url: string;
    controlToken: string;
  };
  const response = await fetch(`${url}/_standin/tamper`, {
    method: "POST",
    headers: { authorization: `Bearer ${controlToken}`, "content-type": "application/json" },
    body: JSON.stringify({ mode }),
  });
  if (!response.ok) throw new Error(`Dex stand-in refused tamper mode ${mode}: ${response.status}`);
}
