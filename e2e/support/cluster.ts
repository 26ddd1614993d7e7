// What the end-to-end tests read from the Kubernetes API stand-in: through its real API
// with the kubeconfig Berth uses, as an operator with kubectl would.
import { readFileSync } from "node:fs";
import path from "node:path";
import { CustomObjectsApi, KubeConfig } from "@kubernetes/client-node";
import type { StandInEndpoint } from "../../dev/kube-api/stand-in-fetch";

import { E2E_DATA_DIR as DATA_DIR } from "./data-dir";

export function clusterProfiles(): CustomObjectsApi {
  const config = new KubeConfig();
  config.loadFromFile(path.join(DATA_DIR, "kubeconfig"));
  return config.makeApiClient(CustomObjectsApi);
}

export interface ProfileView {
  metadata: { name: string; labels?: Record<string, string> };
  spec: { owner: { kind: string; name: string }; resourceQuotaSpec: { hard: Record<string, string> } };
}

export async function readProfile(name: string): Promise<ProfileView> {
  return (await clusterProfiles().getClusterCustomObject({ group: "kubeflow.org", version: "v1", plural: "profiles", name })) as ProfileView;
}

/** Written by dev/stack.ts. Call the control endpoints with dev/kube-api/stand-in-fetch, which trusts caCertPem. */
export function standInControl(): StandInEndpoint & { controlToken: string } {
  return JSON.parse(readFileSync(path.join(DATA_DIR, "kube-api.json.control"), "utf8")) as StandInEndpoint & { controlToken: string };
}
