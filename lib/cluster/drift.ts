// Pure comparison of Berth's confirmed desired state with one snapshot of the cluster: what
// drifted per workspace, and which Profiles Berth does not manage at all.
import { LABEL_WORKSPACE_ID, type ClusterProfile } from "@/lib/kube/profiles";
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
  | "quota_edited";

export const DRIFT_LABELS: Record<DriftKind, string> = {
  profile_missing: "Profile missing",
  profile_foreign: "Profile belongs to something else",
  owner_differs: "Profile owner differs",
  profile_quota_differs: "Profile quota differs",
  namespace_missing: "Namespace missing",
  quota_missing: "kf-resource-quota missing",
  quota_edited: "kf-resource-quota edited",
};

export interface ManagedWorkspace {
  id: string;
  name: string;
  ownerEmail: string;
  /** The quota the cluster should enforce (already the zero-pod one when suspended). */
  hard: Hard;
}

export interface Drift {
  kinds: DriftKind[];
  observed: { owner?: string; profileHard?: Hard; quotaHard?: Hard };
}

export function driftOf(workspace: ManagedWorkspace, snapshot: ClusterSnapshot): Drift {
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
