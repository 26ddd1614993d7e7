// Pure comparison of Berth's confirmed desired state with one snapshot of the cluster: what
// drifted per workspace, and which Profiles Berth does not manage at all.
import { LABEL_WORKSPACE_ID, type ClusterProfile } from "@/lib/kube/profiles";
import { podSecurityLabels, podSecurityLabelsOf } from "@/lib/kube/namespaces";
import { buildEgressPolicy, type EgressScope } from "@/lib/kube/network-policies";
import { quantityValue } from "@/lib/quota/quantity";
import type { ContainerDefaults } from "@/lib/tiers/container-defaults";
import type { TierGuardrails } from "@/lib/tiers/guardrails";
import type { ClusterQuota } from "@/lib/kube/resource-quotas";
import type { ClusterSnapshot } from "@/lib/kube/snapshot";
import { sameHard } from "@/lib/quota/compare";
import type { Hard } from "@/lib/quota/keys";

export type DriftKind =
  | "profile_missing"
  | "profile_foreign"
  | "owner_differs"
  | "profile_quota_differs"
  | "namespace_missing"
  | "quota_missing"
  | "quota_edited"
  | "pod_security_differs"
  | "egress_policy_missing"
  | "egress_policy_edited"
  | "limit_range_missing"
  | "limit_range_edited";

export const DRIFT_LABELS: Record<DriftKind, string> = {
  profile_missing: "Profile missing",
  profile_foreign: "Profile belongs to something else",
  owner_differs: "Profile owner differs",
  profile_quota_differs: "Profile quota differs",
  namespace_missing: "Namespace missing",
  quota_missing: "kf-resource-quota missing",
  quota_edited: "kf-resource-quota edited",
  pod_security_differs: "Pod Security labels removed or changed",
  egress_policy_missing: "NetworkPolicy berth-egress missing",
  egress_policy_edited: "NetworkPolicy berth-egress edited",
  limit_range_missing: "LimitRange berth-defaults missing",
  limit_range_edited: "LimitRange berth-defaults edited",
};

/** Drift on a guardrail rather than on the Profile or its quota. */
export const GUARDRAIL_DRIFT: readonly DriftKind[] = [
  "pod_security_differs",
  "egress_policy_missing",
  "egress_policy_edited",
  "limit_range_missing",
  "limit_range_edited",
];

export interface ManagedWorkspace {
  id: string;
  name: string;
  ownerEmail: string;
  /** The quota the cluster should enforce (already the zero-pod one when suspended). */
  hard: Hard;
  guardrails: TierGuardrails;
  containerDefaults: ContainerDefaults | null;
}

export interface Drift {
  kinds: DriftKind[];
  observed: { owner?: string; profileHard?: Hard; quotaHard?: Hard; podSecurityLabels?: Record<string, string> };
}

/** JSON with keys sorted and undefined dropped: equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** Each desired default equals the stored one by value (the server canonicalises `1000m` to `1`). */
function sameDefaults(desired: Record<string, string | undefined>, observed: Record<string, string>): boolean {
  return Object.entries(desired).every(([key, value]) => value === undefined || (observed[key] !== undefined && quantityValue(observed[key]) === quantityValue(value)));
}

/** What drifted on the guardrails of a namespace that exists. */
export function guardrailDrift(
  workspace: Pick<ManagedWorkspace, "name" | "guardrails" | "containerDefaults">,
  snapshot: ClusterSnapshot,
  scope: Omit<EgressScope, "allow">,
): { kinds: DriftKind[]; podSecurityLabels: Record<string, string> } {
  const kinds: DriftKind[] = [];
  const observedLabels = podSecurityLabelsOf(snapshot.namespaces.get(workspace.name) ?? {});
  if (canonical(observedLabels) !== canonical(podSecurityLabels(workspace.guardrails.podSecurity))) kinds.push("pod_security_differs");
  const policy = snapshot.egressPolicies.get(workspace.name);
  const desired = buildEgressPolicy(workspace.name, { ...scope, allow: workspace.guardrails.egressAllow }).spec;
  if (policy === undefined) kinds.push("egress_policy_missing");
  else if (canonical(JSON.parse(JSON.stringify(policy))) !== canonical(desired)) kinds.push("egress_policy_edited");
  if (workspace.containerDefaults) {
    const range = snapshot.limitRanges.get(workspace.name);
    if (!range) kinds.push("limit_range_missing");
    else if (!sameDefaults(workspace.containerDefaults.default, range.default) || !sameDefaults(workspace.containerDefaults.defaultRequest, range.defaultRequest)) {
      kinds.push("limit_range_edited");
    }
  }
  return { kinds, podSecurityLabels: observedLabels };
}

export function driftOf(workspace: ManagedWorkspace, snapshot: ClusterSnapshot, scope: Omit<EgressScope, "allow">): Drift {
  const profile = snapshot.profiles.find((p) => p.metadata.name === workspace.name);
  const quota: ClusterQuota | undefined = snapshot.quotas.get(workspace.name);
  const kinds: DriftKind[] = [];
  const observed: Drift["observed"] = { quotaHard: quota?.hard };
  if (!profile) kinds.push("profile_missing");
  else if (profile.metadata.labels?.[LABEL_WORKSPACE_ID] !== workspace.id) kinds.push("profile_foreign");
  else {
    observed.owner = profile.spec?.owner?.name;
    observed.profileHard = profile.spec?.resourceQuotaSpec?.hard ?? {};
    if (observed.owner !== workspace.ownerEmail) kinds.push("owner_differs");
    if (!sameHard(observed.profileHard, workspace.hard)) kinds.push("profile_quota_differs");
  }
  if (!snapshot.namespaces.has(workspace.name)) kinds.push("namespace_missing");
  else {
    const guardrails = guardrailDrift(workspace, snapshot, scope);
    kinds.push(...guardrails.kinds);
    if (guardrails.kinds.includes("pod_security_differs")) observed.podSecurityLabels = guardrails.podSecurityLabels;
  }
  if (!quota) kinds.push("quota_missing");
  else if (!sameHard(quota.hard, workspace.hard)) kinds.push("quota_edited");
  return { kinds, observed };
}

/** A stable fingerprint: the same drift seen on two passes is one occurrence. */
export function driftFingerprint(kinds: DriftKind[]): string | null {
  return kinds.length ? [...kinds].sort().join(",") : null;
}

export interface UnmanagedProfile {
  name: string;
  owner: string | null;
  hard: Hard;
}

/** Profiles no Berth record claims (by the workspace-id label and name together). */
export function unmanagedProfiles(snapshot: ClusterSnapshot, known: { id: string; name: string }[]): UnmanagedProfile[] {
  const claimed = new Set(known.map((w) => `${w.id}/${w.name}`));
  return snapshot.profiles
    .filter((p: ClusterProfile) => !claimed.has(`${p.metadata.labels?.[LABEL_WORKSPACE_ID] ?? ""}/${p.metadata.name}`))
    .map((p) => ({ name: p.metadata.name, owner: p.spec?.owner?.name ?? null, hard: p.spec?.resourceQuotaSpec?.hard ?? {} }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
