// Pure comparison of Berth's confirmed desired state with one snapshot of the cluster: what
// drifted per workspace, and which Profiles Berth does not manage at all.
import { LABEL_WORKSPACE_ID, type ClusterProfile } from "@/lib/kube/profiles";
import { podSecurityLabels, podSecurityLabelsOf } from "@/lib/kube/namespaces";
import { buildEgressPolicy, type EgressScope } from "@/lib/kube/network-policies";
import type { ContainerDefaults } from "@/lib/tiers/container-defaults";
import type { TierGuardrails } from "@/lib/tiers/guardrails";
import type { ClusterQuota } from "@/lib/kube/resource-quotas";
import type { ClusterSnapshot } from "@/lib/kube/snapshot";
import { sameHard, sameQuantity } from "@/lib/quota/compare";
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
  | "limit_range_edited"
  | "namespace_terminating"
  | "namespace_left_behind"
  | "check_failed";

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
  namespace_terminating: "Namespace is being deleted",
  namespace_left_behind: "Namespace left behind after decommissioning",
  check_failed: "Could not be checked",
};

/** A recorded fingerprint (`profile_quota_differs,quota_edited`) in words people read. */
export function driftInWords(fingerprint: string | null): string {
  if (!fingerprint) return "";
  return fingerprint
    .split(",")
    .map((kind) => DRIFT_LABELS[kind as DriftKind] ?? kind.replace(/_/g, " "))
    .join(" · ");
}

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
  observed: {
    owner?: string;
    profileHard?: Hard;
    quotaHard?: Hard;
    podSecurityLabels?: Record<string, string>;
    /** Since when the namespace has been Terminating. */
    deletionTimestamp?: string;
    /** Why this workspace alone could not be compared (the rest of the pass goes on). */
    error?: string;
  };
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
  return Object.entries(desired).every(([key, value]) => value === undefined || sameQuantity(observed[key], value));
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
  const namespace = snapshot.namespaceDetails.get(workspace.name);
  if (!snapshot.namespaces.has(workspace.name)) kinds.push("namespace_missing");
  else if (namespace?.terminating) {
    // Being deleted: nothing in it is the workspace's any more, so its guardrails are not compared.
    kinds.push("namespace_terminating");
    observed.deletionTimestamp = namespace.deletionTimestamp;
  } else {
    const guardrails = guardrailDrift(workspace, snapshot, scope);
    kinds.push(...guardrails.kinds);
    if (guardrails.kinds.includes("pod_security_differs")) observed.podSecurityLabels = guardrails.podSecurityLabels;
  }
  if (!quota) kinds.push("quota_missing");
  else if (!sameHard(quota.hard, workspace.hard)) kinds.push("quota_edited");
  return { kinds, observed };
}

/**
 * Drift of one workspace, or `check_failed` naming why it could not be compared: one object the
 * cluster answered strangely never fails the whole pass.
 */
export function driftOrFailure(compare: () => Drift): Drift {
  try {
    return compare();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { kinds: ["check_failed"], observed: { error: message.slice(0, 300) } };
  }
}

/** A decommissioned workspace whose namespace the cluster still has (no live workspace holds the name). */
export function leftoverNamespaceDrift(name: string, snapshot: ClusterSnapshot): Drift {
  const namespace = snapshot.namespaceDetails.get(name);
  if (!namespace) return { kinds: [], observed: {} };
  return { kinds: ["namespace_left_behind"], observed: namespace.deletionTimestamp ? { deletionTimestamp: namespace.deletionTimestamp } : {} };
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
