// The whole cluster as status and drift see it: one paged LIST per kind (Profiles, namespaces,
// kf-resource-quotas), run together, never one call per workspace.
import "server-only";
import { listNamespaceNames } from "./namespaces";
import { listProfiles, type ClusterProfile } from "./profiles";
import { listQuotas, type ClusterQuota } from "./resource-quotas";

export interface ClusterSnapshot {
  profiles: ClusterProfile[];
  namespaces: Set<string>;
  /** kf-resource-quota of each namespace that has one, by namespace. */
  quotas: Map<string, ClusterQuota>;
}

/** Profiles, namespaces and kf-resource-quotas: three list calls whatever the number of workspaces. */
export async function readClusterSnapshot(): Promise<ClusterSnapshot> {
  const [profiles, namespaces, quotas] = await Promise.all([listProfiles(), listNamespaceNames(), listQuotas()]);
  return { profiles, namespaces: new Set(namespaces), quotas: new Map(quotas.map((q) => [q.namespace, q])) };
}
