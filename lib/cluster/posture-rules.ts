// The rules Berth's ServiceAccount should hold: exactly its ClusterRole (deploy/base/clusterrole.yaml,
// which a deploy test keeps equal to this list) plus what Kubernetes gives every authenticated user.
// Pure: compares a SelfSubjectRulesReview's answer with them and names every rule beyond.
import type { ResourceRule } from "@/lib/kube/self-subject-rules-reviews";

export interface ExpectedRule {
  apiGroups: string[];
  resources: string[];
  resourceNames?: string[];
  verbs: string[];
}

export const BERTH_CLUSTER_ROLE_RULES: ExpectedRule[] = [
  { apiGroups: ["kubeflow.org"], resources: ["profiles"], verbs: ["get", "list", "watch", "create", "patch", "delete"] },
  { apiGroups: [""], resources: ["namespaces", "resourcequotas"], verbs: ["get", "list", "watch"] },
  { apiGroups: [""], resources: ["namespaces"], verbs: ["patch"] },
  { apiGroups: [""], resources: ["limitranges"], verbs: ["list", "watch", "create", "patch"] },
  { apiGroups: ["networking.k8s.io"], resources: ["networkpolicies"], verbs: ["list", "watch", "create", "patch"] },
  { apiGroups: [""], resources: ["nodes"], verbs: ["list"] },
  { apiGroups: ["apps"], resources: ["deployments"], resourceNames: ["centraldashboard"], verbs: ["get"] },
  { apiGroups: [""], resources: ["configmaps"], resourceNames: ["centraldashboard-parameters", "centraldashboard-config"], verbs: ["get"] },
  // THREATS 41: contributor objects only, and "bind" limited to the two contributor ClusterRoles.
  { apiGroups: ["rbac.authorization.k8s.io"], resources: ["rolebindings"], verbs: ["get", "list", "watch", "create", "patch", "delete"] },
  { apiGroups: ["security.istio.io"], resources: ["authorizationpolicies"], verbs: ["get", "list", "watch", "create", "patch", "delete"] },
  { apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], resourceNames: ["kubeflow-edit", "kubeflow-view"], verbs: ["bind"] },
];

/** system:basic-user: every authenticated user may review its own access. */
const AUTHENTICATED_RULES: ExpectedRule[] = [
  { apiGroups: ["authorization.k8s.io"], resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"], verbs: ["create"] },
  { apiGroups: ["authentication.k8s.io"], resources: ["selfsubjectreviews"], verbs: ["create"] },
];

/** system:discovery and system:public-info-viewer: read-only discovery and health paths. */
const PUBLIC_PATHS = ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"];

function covered(verb: string, group: string, resource: string, name: string | undefined, expected: ExpectedRule[]): boolean {
  return expected.some(
    (rule) =>
      rule.verbs.includes(verb) &&
      rule.apiGroups.includes(group) &&
      rule.resources.includes(resource) &&
      (!rule.resourceNames?.length || (name !== undefined && rule.resourceNames.includes(name))),
  );
}

/** Every reviewed rule, as text, that grants something beyond the expected rules (wildcards always do). */
export function rulesBeyond(
  review: { resourceRules: ResourceRule[]; nonResourceRules: { verbs: string[]; nonResourceURLs: string[] }[] },
  expected: ExpectedRule[] = BERTH_CLUSTER_ROLE_RULES,
): string[] {
  const all = [...expected, ...AUTHENTICATED_RULES];
  const extra: string[] = [];
  for (const rule of review.resourceRules) {
    const names = rule.resourceNames.length ? rule.resourceNames : [undefined];
    const ok = rule.verbs.every((verb) =>
      rule.apiGroups.every((group) => rule.resources.every((resource) => names.every((name) => covered(verb, group, resource, name, all)))),
    );
    if (!ok) {
      const groups = rule.apiGroups.map((g) => (g === "" ? "core" : g)).join(",");
      const named = rule.resourceNames.length ? ` (${rule.resourceNames.join(",")})` : "";
      extra.push(`${rule.verbs.join(",")} on ${groups}/${rule.resources.join(",")}${named}`);
    }
  }
  for (const rule of review.nonResourceRules) {
    const ok = rule.verbs.every((v) => v === "get") && rule.nonResourceURLs.every((url) => PUBLIC_PATHS.includes(url));
    if (!ok) extra.push(`${rule.verbs.join(",")} on ${rule.nonResourceURLs.join(",")}`);
  }
  return extra;
}
