// The Istio AuthorizationPolicy (security.istio.io/v1) that lets a contributor's requests into a
// workspace namespace, named and annotated like its RoleBinding, with KFAM's rule: the identity
// header (USERID_HEADER, value USERID_PREFIX + name) arriving through the gateway's principals.
// For a group, the same rule on the groups header the gateway sets. Writes are server-side apply.
// The posture check reads the gateway namespace's policies through the same list.
import "server-only";
import { PatchStrategy } from "@kubernetes/client-node";
import { FIELD_MANAGER, type AccessSettings } from "@/lib/config";
import { kubeCall } from "./call";
import { kubeClients } from "./client";
import { listAll } from "./paging";
import { contributorAnnotations, contributorLabels, contributorObjectName, type ContributorIntent } from "./role-bindings";

export const POLICY_GROUP = "security.istio.io";
export const POLICY_VERSION = "v1";
export const POLICY_PLURAL = "authorizationpolicies";
/** The profile controller's policy for the owner: not a contributor's. */
export const OWNER_POLICY = "ns-owner-access-istio";

export interface PolicyRule {
  when?: { key: string; values?: string[]; notValues?: string[] }[];
  from?: { source: { principals?: string[]; notPrincipals?: string[] } }[];
  to?: { operation?: { methods?: string[]; paths?: string[]; notPaths?: string[]; notMethods?: string[]; hosts?: string[] } }[];
}

export interface AuthorizationPolicyManifest {
  apiVersion: `${typeof POLICY_GROUP}/${typeof POLICY_VERSION}`;
  kind: "AuthorizationPolicy";
  metadata: { name: string; namespace: string; labels: Record<string, string>; annotations: Record<string, string> };
  spec: { rules: PolicyRule[] };
}

/** The header a contributor's identity arrives in, and the value that names them. */
export function identityMatch(intent: Pick<ContributorIntent, "subject">, settings: AccessSettings): { key: string; value: string } {
  return intent.subject.kind === "User"
    ? { key: `request.headers[${settings.userIdHeader}]`, value: settings.userIdPrefix + intent.subject.name }
    : { key: `request.headers[${settings.groupsHeader}]`, value: settings.groupsPrefix + intent.subject.name };
}

/** Pure: one grant → its AuthorizationPolicy (ALLOW, the action Istio assumes when none is given, as KFAM leaves it). */
export function buildAuthorizationPolicy(intent: ContributorIntent, settings: AccessSettings): AuthorizationPolicyManifest {
  const match = identityMatch(intent, settings);
  return {
    apiVersion: `${POLICY_GROUP}/${POLICY_VERSION}`,
    kind: "AuthorizationPolicy",
    metadata: {
      name: contributorObjectName(intent.subject, intent.role),
      namespace: intent.namespace,
      labels: contributorLabels(intent.grantId),
      annotations: contributorAnnotations(intent.subject, intent.role),
    },
    spec: {
      rules: [{ when: [{ key: match.key, values: [match.value] }], from: [{ source: { principals: [...settings.gatewayPrincipals] } }] }],
    },
  };
}

export interface ClusterAuthorizationPolicy {
  metadata: { name: string; namespace: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { action?: string; selector?: { matchLabels?: Record<string, string> }; rules?: PolicyRule[] };
}

const target = { group: POLICY_GROUP, version: POLICY_VERSION, plural: POLICY_PLURAL };

export async function applyAuthorizationPolicy(manifest: AuthorizationPolicyManifest): Promise<{ auditId?: string }> {
  const { name, namespace } = manifest.metadata;
  const response = await kubeCall(
    (options) =>
      kubeClients().customObjects.patchNamespacedCustomObjectWithHttpInfo(
        { ...target, namespace, name, body: manifest, fieldManager: FIELD_MANAGER, force: true },
        options,
      ),
    { headers: { "Content-Type": PatchStrategy.ServerSideApply } },
  );
  return { auditId: response.headers["audit-id"] };
}

export async function getAuthorizationPolicy(namespace: string, name: string): Promise<ClusterAuthorizationPolicy | null> {
  return kubeCall(
    (options) => kubeClients().customObjects.getNamespacedCustomObject({ ...target, namespace, name }, options) as Promise<ClusterAuthorizationPolicy>,
    { notFound: () => null },
  );
}

export async function deleteAuthorizationPolicy(namespace: string, name: string): Promise<{ auditId?: string }> {
  return kubeCall(
    async (options) => {
      const response = await kubeClients().customObjects.deleteNamespacedCustomObjectWithHttpInfo({ ...target, namespace, name }, options);
      return { auditId: response.headers["audit-id"] };
    },
    { notFound: (gone) => ({ auditId: gone.auditId }) },
  );
}

/** Every AuthorizationPolicy in the cluster (or in one namespace), one paged LIST. */
export async function listAuthorizationPolicies(namespace?: string): Promise<ClusterAuthorizationPolicy[]> {
  return listAll(async (paging, options) => {
    const customObjects = kubeClients().customObjects;
    const list = (await (namespace === undefined
      ? customObjects.listCustomObjectForAllNamespaces({ ...target, ...paging }, options)
      : customObjects.listNamespacedCustomObject({ ...target, namespace, ...paging }, options))) as {
      items: ClusterAuthorizationPolicy[];
      metadata?: { _continue?: string; continue?: string };
    };
    return { items: list.items, next: list.metadata?.continue ?? list.metadata?._continue };
  });
}
