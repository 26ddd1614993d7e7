// The posture checks of the installation, each answering pass, fail or unknown with the reason,
// why it matters (the attack it prevents) and how to fix it. Reads only; recording and auditing
// their transitions is posture.ts's job.
import "server-only";
import { guardrailSettings } from "@/lib/config";
import { listAuthorizationPolicies, type ClusterAuthorizationPolicy } from "@/lib/kube/authorization-policies";
import { getConfigMapData } from "@/lib/kube/config-maps";
import { getDeploymentEnv } from "@/lib/kube/deployments";
import { toKubeApiError } from "@/lib/kube/errors";
import { reviewOwnRules } from "@/lib/kube/self-subject-rules-reviews";
import { GUARDRAIL_DRIFT, DRIFT_LABELS } from "./drift";
import { rulesBeyond } from "./posture-rules";
import type { ClusterScan } from "./scan";

export const POSTURE_CHECK_IDS = [
  "registration-flow-off",
  "registration-route-blocked",
  "profiles-have-quota",
  "profiles-managed",
  "workspace-guardrails",
  "service-account-rules",
] as const;
export type PostureCheckId = (typeof POSTURE_CHECK_IDS)[number];
export type PostureState = "pass" | "fail" | "unknown";

export interface PostureResult {
  id: PostureCheckId;
  title: string;
  state: PostureState;
  detail: string;
  why: string;
  fix: string;
}

const ABOUT: Record<PostureCheckId, { title: string; why: string; fix: string }> = {
  "registration-flow-off": {
    title: "The central dashboard's registration flow is off",
    why: "With it on, anyone who can sign in creates their own Profile on first login: a namespace where they may run anything, as the 2020–2021 miners did.",
    fix: "Set REGISTRATION_FLOW (CD_REGISTRATION_FLOW in the centraldashboard-parameters ConfigMap) to \"false\" and restart the dashboard.",
  },
  "registration-route-blocked": {
    title: "The gateway blocks POST /api/workgroup/create",
    why: "That route creates a Profile with the name and owner from the request body, whatever the registration flag says.",
    fix: "Apply deploy/examples/block-dashboard-registration.example.yaml (an Istio DENY AuthorizationPolicy on the ingress gateway).",
  },
  "profiles-have-quota": {
    title: "Every Profile has a quota",
    why: "A Profile without resourceQuotaSpec.hard gives its namespace the whole cluster: unlimited CPU, memory and GPUs.",
    fix: "Adopt the Profile on the Cluster page (Berth then applies a tier's quota) or remove it.",
  },
  "profiles-managed": {
    title: "Berth manages every Profile",
    why: "A Profile made outside Berth (kubectl, the dashboard's route) skipped approval, the quota caps and the audit trail.",
    fix: "Adopt, suspend or remove it on the Cluster page.",
  },
  "workspace-guardrails": {
    title: "Every workspace namespace has its guardrails",
    why: "Without its Pod Security labels or berth-egress, a hijacked workspace can run privileged pods or reach a mining pool.",
    fix: "Re-apply the workspace on the Cluster page; find out who removed the guardrail first.",
  },
  "service-account-rules": {
    title: "Berth's ServiceAccount can do nothing beyond its ClusterRole",
    why: "Extra rights (a wildcard, Secrets, another binding) turn a compromised Berth into a compromise of the cluster.",
    fix: "Remove the extra RoleBindings/ClusterRoleBindings of system:serviceaccount:berth:berth; keep only deploy/base/clusterrole.yaml.",
  },
};

const result = (id: PostureCheckId, state: PostureState, detail: string): PostureResult => ({ id, state, detail, ...ABOUT[id] });

function unknownFrom(id: PostureCheckId, error: unknown, what: string): PostureResult {
  const failure = toKubeApiError(error).failure;
  const why = failure === "forbidden" ? `Berth may not read ${what} (403): grant the read in its ClusterRole.` : `Could not read ${what} (${failure}).`;
  return result(id, "unknown", why);
}

const isOn = (value: string | undefined) => value !== undefined && value.trim().toLowerCase() === "true";

async function registrationFlow(): Promise<PostureResult> {
  const id = "registration-flow-off";
  const { dashboardNamespace: namespace, dashboardDeployment: name } = guardrailSettings();
  try {
    const env = await getDeploymentEnv(namespace, name);
    if (!env) return result(id, "unknown", `No Deployment ${namespace}/${name}: set BERTH_DASHBOARD_NAMESPACE/BERTH_DASHBOARD_DEPLOYMENT if the dashboard runs elsewhere.`);
    const keys = ["REGISTRATION_FLOW", "CD_REGISTRATION_FLOW"];
    for (const source of env.env.filter((e) => keys.includes(e.name))) {
      const value = source.configMapKey ? (await getConfigMapData(namespace, source.configMapKey.name))?.[source.configMapKey.key] : source.value;
      const where = source.configMapKey ? `ConfigMap ${source.configMapKey.name}, key ${source.configMapKey.key}` : "the Deployment's env";
      if (value === undefined) return result(id, "fail", `${source.name} is taken from ${where}, which is missing: the dashboard then treats the flow as on.`);
      return result(id, isOn(value) ? "fail" : "pass", `${source.name}="${value.slice(0, 20)}" (${where}).`);
    }
    for (const mapName of env.envFromConfigMaps) {
      const data = await getConfigMapData(namespace, mapName);
      const key = keys.find((k) => data?.[k] !== undefined);
      if (key && data) return result(id, isOn(data[key]) ? "fail" : "pass", `${key}="${data[key]?.slice(0, 20)}" (ConfigMap ${mapName}).`);
    }
    return result(id, "fail", "REGISTRATION_FLOW is not set: the dashboard then treats the flow as on.");
  } catch (error) {
    return unknownFrom(id, error, `the dashboard's Deployment or ConfigMap in ${namespace}`);
  }
}

/** A DENY policy covering POST (or every method) on /api/workgroup/create, for every source. */
function blocksRegistration(policy: ClusterAuthorizationPolicy): boolean {
  if (policy.spec.action !== "DENY") return false;
  return (policy.spec.rules ?? []).some(
    (rule) =>
      !rule.from?.length &&
      !rule.when?.length &&
      (rule.to ?? []).some((to) => {
        const op = to.operation ?? {};
        const paths = op.paths ?? [];
        const methods = op.methods ?? [];
        return !op.notPaths?.length && !op.notMethods?.length && !op.hosts?.length && paths.includes("/api/workgroup/create") && (methods.length === 0 || methods.includes("POST"));
      }),
  );
}

async function registrationRoute(): Promise<PostureResult> {
  const id = "registration-route-blocked";
  const { gatewayNamespace } = guardrailSettings();
  try {
    const policies = await listAuthorizationPolicies(gatewayNamespace);
    const blocking = policies.find(blocksRegistration);
    return blocking
      ? result(id, "pass", `AuthorizationPolicy ${gatewayNamespace}/${blocking.name} denies it.`)
      : result(id, "fail", `No DENY AuthorizationPolicy in ${gatewayNamespace} covers POST /api/workgroup/create for every source.`);
  } catch (error) {
    return unknownFrom(id, error, `AuthorizationPolicies in ${gatewayNamespace}`);
  }
}

function list(names: string[]): string {
  return names.length > 10 ? `${names.slice(0, 10).join(", ")} and ${names.length - 10} more` : names.join(", ");
}

function fromScan(scan: ClusterScan | Error): PostureResult[] {
  if (scan instanceof Error) {
    return (["profiles-have-quota", "profiles-managed", "workspace-guardrails"] as const).map((id) => unknownFrom(id, scan, "Profiles, namespaces and guardrails"));
  }
  const noQuota = scan.snapshot.profiles.filter((p) => Object.keys(p.spec?.resourceQuotaSpec?.hard ?? {}).length === 0).map((p) => p.metadata.name);
  const unmanaged = scan.unmanaged.map((p) => p.name);
  const unguarded = scan.drifted
    .map((d) => ({ name: d.name, kinds: d.kinds.filter((k) => GUARDRAIL_DRIFT.includes(k)) }))
    .filter((d) => d.kinds.length > 0);
  return [
    noQuota.length
      ? result("profiles-have-quota", "fail", `Without a quota: ${list(noQuota)}.`)
      : result("profiles-have-quota", "pass", `${scan.snapshot.profiles.length} Profiles, each with a quota.`),
    unmanaged.length
      ? result("profiles-managed", "fail", `Not managed by Berth: ${list(unmanaged)}.`)
      : result("profiles-managed", "pass", "Every Profile belongs to a Berth workspace."),
    unguarded.length
      ? result("workspace-guardrails", "fail", unguarded.slice(0, 10).map((d) => `${d.name}: ${d.kinds.map((k) => DRIFT_LABELS[k]).join(", ")}`).join("; "))
      : result("workspace-guardrails", "pass", "Every confirmed workspace namespace carries its Pod Security labels, berth-egress and container defaults."),
  ];
}

async function serviceAccountRules(): Promise<PostureResult> {
  const id = "service-account-rules";
  try {
    // kube-system: the namespace where extra rights would hurt most; cluster-wide rules show everywhere.
    const review = await reviewOwnRules("kube-system");
    const extra = rulesBeyond(review);
    if (extra.length) return result(id, "fail", `Beyond its ClusterRole: ${list(extra)}.`);
    if (review.incomplete) return result(id, "unknown", "The API server could not list every rule (an authorizer other than RBAC answers too).");
    return result(id, "pass", "Its rules are exactly the ClusterRole's.");
  } catch (error) {
    return unknownFrom(id, error, "its own rules (SelfSubjectRulesReview)");
  }
}

/** Every check, in a stable order; `scan` is the reconcile pass's own, or the error it ended with. */
export async function runPostureChecks(scan: ClusterScan | Error): Promise<PostureResult[]> {
  const [flow, route, rules] = await Promise.all([registrationFlow(), registrationRoute(), serviceAccountRules()]);
  const [quota, managed, guardrails] = fromScan(scan);
  return [flow, route, quota, managed, guardrails, rules] as PostureResult[];
}
