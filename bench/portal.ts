// The portal as the page benchmarks run it: a production build (`next build` once), its own
// embedded PostgreSQL, the Kubernetes API stand-in and `tsx dev/stack.ts start` on a port of its
// own, and people signed in through the real OIDC issuer's login form in Chromium.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import pg from "pg";
import { startEmbeddedPostgres } from "../dev/db/embedded-postgres";
import { startKubeApiStandIn, type KubeApiStandIn } from "../dev/kube-api/server";
import { migrate } from "../lib/db/migrate";

export interface BenchPortal {
  base: string;
  port: number;
  /** The schema owner's connection, for seeding. */
  ownerUrl: string;
  kube: KubeApiStandIn;
  browser: Browser;
  /** Signs in through the issuer's form; the cookie header of the session. */
  signIn(email: string): Promise<string>;
  stop(): Promise<void>;
}

async function waitForHealth(base: string, deadline = Date.now() + 120_000): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/api/healthz`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the portal did not start");
}

export function ensureBuild(log: (line: string) => void): void {
  if (existsSync(".next/BUILD_ID")) return;
  log("building the portal (next build)");
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) throw new Error("next build failed");
}

export async function startBenchPortal(options: { port: number; dataDir: string; env?: Record<string, string> }): Promise<BenchPortal> {
  const base = `http://localhost:${options.port}`;
  await rm(options.dataDir, { recursive: true, force: true });
  const database = await startEmbeddedPostgres({ dataDir: path.join(options.dataDir, "postgres"), log: console.error });
  await migrate(database.url, { appRole: "berth_app" });
  const kube = await startKubeApiStandIn({ kubeconfigPath: path.join(options.dataDir, "kubeconfig") });
  let portal: ChildProcess | undefined;
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close();
    if (portal?.pid) process.kill(-portal.pid, "SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await kube.stop();
    await database.stop();
  };
  try {
    portal = spawn(path.resolve("node_modules/.bin/tsx"), ["dev/stack.ts", "start"], {
      stdio: "ignore",
      detached: true,
      env: {
        ...process.env,
        PORT: String(options.port),
        BERTH_DATA_DIR: options.dataDir,
        DATABASE_URL: database.appUrl,
        DATABASE_MIGRATION_URL: database.url,
        KUBECONFIG: kube.kubeconfigPath,
        NEXT_TELEMETRY_DISABLED: "1",
        ...options.env,
      },
    });
    await waitForHealth(base);
    const launched = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    browser = launched;
    const signIn = async (email: string) => {
      const context = await launched.newContext({ baseURL: base });
      const page = await context.newPage();
      await page.goto("/signin");
      await page.getByRole("button", { name: "Sign in with Dex" }).click();
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill("berth");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByTestId("signed-in-as").waitFor();
      const cookies = await context.cookies();
      await context.close();
      return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    };
    return { base, port: options.port, ownerUrl: database.url, kube, browser: launched, signIn, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Runs SQL as the schema owner (seeding). */
export async function asOwner<T>(ownerUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
