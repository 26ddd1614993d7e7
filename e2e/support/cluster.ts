// What the end-to-end tests read from the Kubernetes API stand-in: through its real API
// with the kubeconfig Berth uses, as an operator with kubectl would.
import { readFileSync } from "node:fs";
import path from "node:path";
import { CoreV1Api, CustomObjectsApi, KubeConfig } from "@kubernetes/client-node";
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

/** Simulates workload usage in a namespace's kf-resource-quota through the stand-in's control endpoint. */
export async function setQuotaUsed(namespace: string, used: Record<string, string>): Promise<void> {
  const { standInFetch } = await import("../../dev/kube-api/stand-in-fetch");
  const control = standInControl();
  const response = await standInFetch(control, `/_standin/namespaces/${namespace}/resourcequotas/kf-resource-quota/used`, {
    method: "PUT",
    headers: { authorization: `Bearer ${control.controlToken}`, "content-type": "application/json" },
    body: JSON.stringify(used),
  });
  if (!response.ok) throw new Error(`setting usage failed: ${response.status}`);
}

/** What an operator with kubectl would do behind Berth's back. */
export async function deleteQuota(namespace: string): Promise<void> {
  const config = new KubeConfig();
  config.loadFromFile(path.join(DATA_DIR, "kubeconfig"));
  await config.makeApiClient(CoreV1Api).deleteNamespacedResourceQuota({ name: "kf-resource-quota", namespace });
}

export async function readQuotaHard(namespace: string): Promise<Record<string, string>> {
  const config = new KubeConfig();
  config.loadFromFile(path.join(DATA_DIR, "kubeconfig"));
  const quota = await config.makeApiClient(CoreV1Api).readNamespacedResourceQuota({ name: "kf-resource-quota", namespace });
  return (quota.spec?.hard ?? {}) as Record<string, string>;
}

/** A Profile made outside Berth, as the dashboard's registration route would. */
export async function createForeignProfile(name: string, owner: string): Promise<void> {
  await clusterProfiles().createClusterCustomObject({
    group: "kubeflow.org",
    version: "v1",
    plural: "profiles",
    body: { apiVersion: "kubeflow.org/v1", kind: "Profile", metadata: { name }, spec: { owner: { kind: "User", name: owner }, resourceQuotaSpec: { hard: { pods: "4" } } } },
  });
}

/** A namespace's labels and its berth-egress policy, as an operator with kubectl reads them. */
export async function readGuardrails(namespace: string): Promise<{ labels: Record<string, string>; egress: unknown[] | null }> {
  const { NetworkingV1Api } = await import("@kubernetes/client-node");
  const config = new KubeConfig();
  config.loadFromFile(path.join(DATA_DIR, "kubeconfig"));
  const ns = await config.makeApiClient(CoreV1Api).readNamespace({ name: namespace });
  const policy = await config
    .makeApiClient(NetworkingV1Api)
    .readNamespacedNetworkPolicy({ name: "berth-egress", namespace })
    .catch(() => null);
  return { labels: ns.metadata?.labels ?? {}, egress: policy ? JSON.parse(JSON.stringify(policy.spec?.egress ?? [])) : null };
}

/** `kubectl patch profile NAME --type=merge`: adds limits to the Profile's quota as field manager kubectl-patch. */
export async function patchProfileQuota(name: string, hard: Record<string, string | number>): Promise<void> {
  const { PatchStrategy, setHeaderOptions } = await import("@kubernetes/client-node");
  await clusterProfiles().patchClusterCustomObject(
    { group: "kubeflow.org", version: "v1", plural: "profiles", name, body: { spec: { resourceQuotaSpec: { hard } } }, fieldManager: "kubectl-patch" },
    setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
  );
}
