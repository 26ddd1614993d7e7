// The whole cluster as status and drift see it: one paged LIST per kind (Profiles, namespaces,
// kf-resource-quotas, and the guardrails berth-egress and berth-defaults), run together, never one
// call per workspace.
import "server-only";
import { listBerthLimitRanges, type ClusterLimitRange } from "./limit-ranges";
import { listNamespaces, type ClusterNamespace } from "./namespaces";
import { listEgressPolicies } from "./network-policies";
import { listProfiles, type ClusterProfile } from "./profiles";
import { listQuotas, type ClusterQuota } from "./resource-quotas";

export interface ClusterSnapshot {
  profiles: ClusterProfile[];
  /** Every namespace's labels, by name. */
  namespaces: Map<string, Record<string, string>>;
  /** Every namespace as read (deletion state, owner references), by name. */
  namespaceDetails: Map<string, ClusterNamespace>;
  /** kf-resource-quota of each namespace that has one, by namespace. */
  quotas: Map<string, ClusterQuota>;
  /** berth-egress's spec, by namespace. */
  egressPolicies: Map<string, unknown>;
  /** berth-defaults, by namespace. */
  limitRanges: Map<string, ClusterLimitRange>;
  /** Every RoleBinding and AuthorizationPolicy, from the informers; without it the access scan lists them itself. */
  access?: { roleBindings: ClusterAccessObject[]; authorizationPolicies: ClusterAccessObject[] };
}

/** A RoleBinding or AuthorizationPolicy as access drift reads it. */
export interface ClusterAccessObject {
  namespace: string;
  name: string;
  annotations?: Record<string, string>;
}

/** Five list calls whatever the number of workspaces. */
export async function readClusterSnapshot(): Promise<ClusterSnapshot> {
  const [profiles, namespaces, quotas, policies, limitRanges] = await Promise.all([
    listProfiles(),
    listNamespaces(),
    listQuotas(),
    listEgressPolicies(),
    listBerthLimitRanges(),
  ]);
  return {
    profiles,
    namespaces: new Map(namespaces.map((ns) => [ns.name, ns.labels])),
    namespaceDetails: new Map(namespaces.map((ns) => [ns.name, ns])),
    quotas: new Map(quotas.map((q) => [q.namespace, q])),
    egressPolicies: new Map(policies.map((p) => [p.namespace, p.spec])),
    limitRanges: new Map(limitRanges.map((lr) => [lr.namespace, lr])),
  };
}
