// The NetworkPolicy berth-egress: every pod of a workspace may send traffic only to cluster DNS,
// its own namespace, the in-cluster Kubeflow namespaces Berth is configured with, and the tier's
// allowlist of CIDRs and ports (none by default: no internet). Ingress is not touched (Istio and
// the profile controller's AuthorizationPolicies govern it). Server-side apply, Berth's field manager.
import "server-only";
import { PatchStrategy } from "@kubernetes/client-node";
import { FIELD_MANAGER } from "@/lib/config";
import type { EgressProtocol, EgressRule } from "@/lib/model/guardrails";
import { kubeCall } from "./call";
import { kubeClients } from "./client";
import { listAll } from "./paging";
import { LABEL_MANAGED_BY } from "./profiles";

export const EGRESS_POLICY_NAME = "berth-egress";

export interface EgressScope {
  /** The tier's allowlist. */
  allow: EgressRule[];
  /** In-cluster namespaces every workspace may reach. */
  namespaces: string[];
  /** Where cluster DNS runs. */
  dnsNamespace: string;
}

const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

type Peer = Record<string, unknown>;
interface EgressEntry {
  to: Peer[];
  ports?: { protocol: EgressProtocol; port: number }[];
}

export interface NetworkPolicyManifest {
  apiVersion: "networking.k8s.io/v1";
  kind: "NetworkPolicy";
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: { podSelector: Record<string, never>; policyTypes: ["Egress"]; egress: EgressEntry[] };
}

/** Pure: the policy for one workspace namespace. Every field is written out, as the server stores it. */
export function buildEgressPolicy(namespace: string, scope: EgressScope): NetworkPolicyManifest {
  const egress: EgressEntry[] = [
    {
      to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: scope.dnsNamespace } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
      ports: [
        { protocol: "UDP", port: 53 },
        { protocol: "TCP", port: 53 },
      ],
    },
    { to: [{ podSelector: {} }] },
  ];
  if (scope.namespaces.length > 0) {
    egress.push({
      to: [{ namespaceSelector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: "In", values: [...scope.namespaces].sort() }] } }],
    });
  }
  for (const rule of scope.allow) {
    const entry: EgressEntry = { to: [{ ipBlock: { cidr: rule.cidr } }] };
    if (rule.ports.length > 0) entry.ports = rule.ports.map((p) => ({ protocol: p.protocol, port: p.port }));
    egress.push(entry);
  }
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: EGRESS_POLICY_NAME, namespace, labels: { [LABEL_MANAGED_BY]: "berth" } },
    spec: { podSelector: {}, policyTypes: ["Egress"], egress },
  };
}

/** Writes the full intent every time, with Berth's field manager and force. */
export async function applyNetworkPolicy(manifest: NetworkPolicyManifest): Promise<{ auditId?: string }> {
  const { name, namespace } = manifest.metadata;
  const response = await kubeCall(
    (options) =>
      kubeClients().networking.patchNamespacedNetworkPolicyWithHttpInfo(
        { name, namespace, body: manifest, fieldManager: FIELD_MANAGER, force: true },
        options,
      ),
    { headers: { "Content-Type": PatchStrategy.ServerSideApply } },
  );
  return { auditId: response.headers["audit-id"] };
}

export interface ClusterEgressPolicy {
  namespace: string;
  spec: unknown;
}

/** Every namespace's berth-egress, in one paged LIST. */
export async function listEgressPolicies(): Promise<ClusterEgressPolicy[]> {
  return listAll(async (paging, options) => {
    const list = await kubeClients().networking.listNetworkPolicyForAllNamespaces(
      { fieldSelector: `metadata.name=${EGRESS_POLICY_NAME}`, ...paging },
      options,
    );
    return {
      items: list.items.map((p) => ({ namespace: p.metadata?.namespace ?? "", spec: p.spec ?? {} })),
      next: list.metadata?._continue,
    };
  });
}
