// Istio AuthorizationPolicies (security.istio.io/v1). Read here for the posture check: the gateway
// policy that blocks the central dashboard's registration route must be in place.
import "server-only";
import { kubeCall } from "./call";
import { kubeClients } from "./client";

export const AUTHORIZATION_POLICY_GROUP = "security.istio.io";
export const AUTHORIZATION_POLICY_VERSION = "v1";
export const AUTHORIZATION_POLICY_PLURAL = "authorizationpolicies";

export interface AuthorizationPolicyRule {
  from?: unknown[];
  to?: { operation?: { methods?: string[]; paths?: string[]; notPaths?: string[]; notMethods?: string[]; hosts?: string[] } }[];
  when?: unknown[];
}

export interface ClusterAuthorizationPolicy {
  name: string;
  namespace: string;
  spec: { action?: string; selector?: { matchLabels?: Record<string, string> }; rules?: AuthorizationPolicyRule[] };
}

/** One namespace's AuthorizationPolicies (a gateway namespace holds few). */
export async function listAuthorizationPolicies(namespace: string): Promise<ClusterAuthorizationPolicy[]> {
  const list = (await kubeCall((options) =>
    kubeClients().customObjects.listNamespacedCustomObject(
      { group: AUTHORIZATION_POLICY_GROUP, version: AUTHORIZATION_POLICY_VERSION, namespace, plural: AUTHORIZATION_POLICY_PLURAL },
      options,
    ),
  )) as { items?: { metadata?: { name?: string; namespace?: string }; spec?: ClusterAuthorizationPolicy["spec"] }[] };
  return (list.items ?? []).map((p) => ({ name: p.metadata?.name ?? "", namespace: p.metadata?.namespace ?? namespace, spec: p.spec ?? {} }));
}
