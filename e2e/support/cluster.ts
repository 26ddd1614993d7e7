// What the end-to-end tests read from the Kubernetes API stand-in: through its real API
// with the kubeconfig Berth uses, as an operator with kubectl would.
import { readFileSync } from "node:fs";
import path from "node:path";
import { CustomObjectsApi, KubeConfig } from "@kubernetes/client-node";

const DATA_DIR = path.resolve(".data/e2e");

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

export function standInControl(): { url: string; controlToken: string } {
  return JSON.parse(readFileSync(path.join(DATA_DIR, "kube-api.json.control"), "utf8")) as { url: string; controlToken: string };
}
