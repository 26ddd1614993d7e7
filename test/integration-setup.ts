// Global setup of the integration project: a fresh embedded PostgreSQL with every migration
// applied, and a fresh Kubernetes API stand-in. Their addresses reach the test files
// through `provide`, and test/integration-env.ts turns them into environment variables.
import { rm } from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../dev/db/embedded-postgres";
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

export default async function setup(project: TestProject) {
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
  };
}
