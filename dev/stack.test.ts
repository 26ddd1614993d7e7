// `npm start` on a port that is taken says so and exits non-zero, before starting anything and
// without the ready banner.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assertPortFree, PortInUseError } from "./port-check";

const taken = net.createServer();
const dataDir = mkdtempSync(path.join(os.tmpdir(), "berth-stack-"));
afterAll(() => {
  taken.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function takenPort(): Promise<number> {
  if (!taken.listening) await new Promise<void>((resolve) => taken.listen(0, () => resolve()));
  return (taken.address() as net.AddressInfo).port;
}

describe("the start script and a port in use", () => {
  it("assertPortFree refuses a port something listens on, and accepts a free one", async () => {
    const port = await takenPort();
    await expect(assertPortFree(port)).rejects.toBeInstanceOf(PortInUseError);
    taken.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(assertPortFree(port)).resolves.toBeUndefined();
  });

  it("npm start exits non-zero naming the port, and prints no banner", async () => {
    const port = await takenPort();
    const child = spawn(path.resolve("node_modules/.bin/tsx"), ["dev/stack.ts", "start"], {
      env: { ...process.env, PORT: String(port), BERTH_DATA_DIR: dataDir, DATABASE_URL: "" },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).not.toBe(0);
    expect(output).toContain(`berth: port ${port} is in use`);
    expect(output).not.toMatch(/^Berth\s+http/m);
    expect(output).not.toContain("Database");
  }, 30_000);
});
