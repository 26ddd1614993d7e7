// One workspace's desired state → cluster calls, then the check that the cluster really holds it:
// the Profile with the right owner and exactly the approved quota, and the Profile's own namespace
// (not one made by someone else, not one being deleted) with a kf-resource-quota whose `hard`
// matches. Profile status is not a health signal, so it is not read.
import "server-only";
import { KubeApiError, toKubeApiError } from "@/lib/kube/errors";
import { applyLimitRange, buildLimitRange } from "@/lib/kube/limit-ranges";
import { applyNamespaceLabels, buildNamespaceLabels, getNamespace, NAMESPACE_OWNER_ANNOTATION, type ClusterNamespace } from "@/lib/kube/namespaces";
import { applyNetworkPolicy, buildEgressPolicy } from "@/lib/kube/network-policies";
import { guardrailSettings } from "@/lib/config";
import { applyProfile, buildProfile, deleteProfile, getProfile, LABEL_WORKSPACE_ID, removeQuotaKeys, type ClusterProfile, type ProfileManifest } from "@/lib/kube/profiles";
import { getQuota } from "@/lib/kube/resource-quotas";
import { sameHard, suspendedHard } from "@/lib/quota/compare";
import type { Hard } from "@/lib/quota/keys";
import type { ContainerDefaults } from "@/lib/tiers/container-defaults";
import type { TierGuardrails } from "@/lib/tiers/guardrails";
import { isHeld, WorkspaceStatus } from "@/lib/model/workspace-status";
import { profileUpToDate, unwantedKeys, type UnwantedKey } from "./profile-diff";

export const ADOPTED_TIER = "adopted";

export interface DesiredWorkspace {
  id: string;
  name: string;
  status: WorkspaceStatus;
  ownerEmail: string;
  hard: Hard;
  generation: number;
  /** This generation's Profile was applied by the approval's fast path (lib/reconcile/provision.ts). */
  profileApplied?: boolean;
  tierSlug: string;
  approvedBy: string;
  /** The tier's default container requests/limits, written as a LimitRange in the namespace. */
  containerDefaults: ContainerDefaults | null;
  /** The tier's Pod Security level and egress allowlist. */
  guardrails: TierGuardrails;
}

/** Words of the step for a namespace still being deleted (lib/reconcile/provision.ts looks for them). */
export const STILL_DELETED = "is still being deleted";

export type ConfirmResult =
  | { state: "confirmed"; applied: unknown; auditId?: string; removed: UnwantedKey[] }
  | { state: "waiting"; step: string; removed: UnwantedKey[] };

/** The quota the cluster should enforce for this workspace now. */
export function effectiveHard(workspace: Pick<DesiredWorkspace, "status" | "hard">): Hard {
  // An expired workspace is held like a suspended one: data kept, no new pods.
  return isHeld(workspace.status) ? suspendedHard(workspace.hard) : workspace.hard;
}

const waiting = (step: string, removed: UnwantedKey[] = []): ConfirmResult => ({ state: "waiting", step, removed });

export async function confirmWorkspace(workspace: DesiredWorkspace): Promise<ConfirmResult> {
  if (workspace.status === WorkspaceStatus.DECOMMISSIONED) return confirmDecommissioned(workspace);

  const hard = effectiveHard(workspace);
  const manifest = desiredProfile(workspace);
  let auditId: string | undefined;
  let removed: UnwantedKey[] = [];
  // Applied (and audited) by the approval itself: then only what the controller makes is left to see.
  if (!workspace.profileApplied) {
    const existing = await getProfile(workspace.name);
    assertOurs(workspace, existing);
    const cleared = existing ? await removeUnwantedKeys(existing, hard) : { profile: null, removed: [] };
    if (cleared === "raced") return waiting("the Profile kept changing while Berth removed quota keys it does not want; trying again");
    removed = cleared.removed;
    // Applied once per desired state: while the profile controller catches up, Berth only reads.
    if (!(cleared.profile && profileUpToDate(cleared.profile, manifest))) ({ auditId } = await applyProfile(manifest));
  }

  // Both reads at once: they are independent, and this is on every approval's path.
  const [namespace, quota] = await Promise.all([getNamespace(workspace.name), getQuota(workspace.name)]);
  if (!namespace) return waiting("waiting for the namespace", removed);
  if (namespace.terminating) {
    return waiting(`waiting for the namespace: "${workspace.name}" ${STILL_DELETED}${since(namespace.deletionTimestamp)}`, removed);
  }
  if (!belongsToProfile(namespace, workspace)) await refuseForeignNamespace(workspace, namespace);
  if (!quota) return waiting("waiting for kf-resource-quota", removed);
  if (!sameHard(quota.hard, hard)) return waiting("waiting for kf-resource-quota to match the quota", removed);
  // The guardrails, re-applied with every generation (suspended and expired workspaces keep them),
  // so edits of the tier follow and a re-apply repairs drift; only once the namespace is the Profile's.
  await applyGuardrails(workspace);
  return {
    state: "confirmed",
    applied: { owner: manifest.spec.owner, hard, suspended: isHeld(workspace.status), guardrails: workspace.guardrails, ...(removed.length ? { removed } : {}) },
    auditId,
    removed,
  };
}

function since(timestamp: string | undefined): string {
  return timestamp ? ` (Terminating since ${timestamp})` : " (Terminating)";
}

/**
 * The namespace is this workspace's when the profile controller made it for the Profile (owner
 * reference) or adopted it for the same owner (its `owner` annotation). Anything else was there before.
 */
function belongsToProfile(namespace: ClusterNamespace, workspace: Pick<DesiredWorkspace, "name" | "ownerEmail">): boolean {
  return namespace.ownerProfiles.includes(workspace.name) || namespace.annotations[NAMESPACE_OWNER_ANNOTATION] === workspace.ownerEmail;
}

/**
 * A namespace of the workspace's name that someone else made: nothing is written into it, and the
 * Profile Berth just made for a new workspace is taken back (it owns nothing in that namespace:
 * the profile controller refuses such a namespace before creating anything in it).
 */
async function refuseForeignNamespace(workspace: DesiredWorkspace, namespace: ClusterNamespace): Promise<never> {
  if (workspace.status === WorkspaceStatus.PROVISIONING) await deleteProfile(workspace.name);
  const owner = namespace.annotations[NAMESPACE_OWNER_ANNOTATION];
  throw new KubeApiError(
    "already_exists",
    `A namespace named "${workspace.name}" already exists in the cluster and does not belong to this workspace's Profile` +
      ` (${owner ? `its owner annotation names ${owner}` : "it has no owner annotation"} and no owner reference to the Profile).` +
      " Berth wrote nothing into it. This is a configuration problem: remove or rename that namespace, or ask for another name, then re-apply.",
  );
}

/**
 * Removes quota keys Berth does not want, whoever set them, by a JSON patch guarded by the
 * resourceVersion just read; a write in between makes Berth read again (three times at most).
 */
async function removeUnwantedKeys(profile: ClusterProfile, hard: Hard): Promise<{ profile: ClusterProfile | null; removed: UnwantedKey[] } | "raced"> {
  let current: ClusterProfile | null = profile;
  for (let attempt = 0; attempt < 3 && current; attempt++) {
    const unwanted = unwantedKeys(current, hard);
    if (unwanted.length === 0) return { profile: current, removed: [] };
    try {
      const patched = await removeQuotaKeys(current.metadata.name, current.metadata.resourceVersion ?? "", unwanted.map((u) => u.key));
      return { profile: patched.profile, removed: unwanted };
    } catch (error) {
      const failure = toKubeApiError(error);
      // 422 (the test of resourceVersion failed) or 409: someone wrote it since; read it again.
      if (failure.failure !== "invalid" && failure.failure !== "conflict") throw failure;
      current = await getProfile(profile.metadata.name);
    }
  }
  return current ? "raced" : { profile: null, removed: [] };
}

/**
 * Decommissioned: the Profile deleted (once; a Profile already being deleted is not asked again),
 * then confirmed only when its namespace is gone too. Until then the step says what is still there.
 */
async function confirmDecommissioned(workspace: DesiredWorkspace): Promise<ConfirmResult> {
  const profile = await getProfile(workspace.name);
  const deletion = profile && !isBeingDeleted(profile) ? await deleteProfile(workspace.name) : { auditId: undefined };
  if (profile && (await getProfile(workspace.name))) return waiting("waiting for the Profile to be deleted");
  const namespace = await getNamespace(workspace.name);
  // A namespace someone else made under that name was never the workspace's to remove.
  if (namespace && belongsToProfile(namespace, workspace)) {
    const state = namespace.terminating ? `${STILL_DELETED}${since(namespace.deletionTimestamp)}` : "is still there and not being deleted";
    return waiting(`the Profile is deleted; its namespace "${workspace.name}" ${state}`);
  }
  return { state: "confirmed", applied: { profile: "deleted", namespace: "deleted" }, auditId: deletion.auditId, removed: [] };
}

function isBeingDeleted(profile: ClusterProfile): boolean {
  return profile.metadata.deletionTimestamp !== undefined;
}

/** Apply with force would take over a Profile someone else made: refuse that instead. */
export function assertOurs(workspace: Pick<DesiredWorkspace, "id" | "name" | "tierSlug">, existing: ClusterProfile | null): void {
  const label = existing?.metadata.labels?.[LABEL_WORKSPACE_ID];
  // An adopted workspace is the one case where an unlabelled Profile is ours to label.
  const adoptable = workspace.tierSlug === ADOPTED_TIER && label === undefined;
  if (existing && label !== workspace.id && !adoptable) {
    throw new KubeApiError(
      "already_exists",
      `A Profile named "${workspace.name}" already exists in the cluster and was not created for this workspace.`,
    );
  }
}

/** The Profile this workspace's desired state asks for. */
export function desiredProfile(workspace: DesiredWorkspace): ProfileManifest {
  return buildProfile({
    workspaceId: workspace.id,
    name: workspace.name,
    ownerEmail: workspace.ownerEmail,
    tierSlug: workspace.tierSlug,
    hard: effectiveHard(workspace),
    approvedBy: workspace.approvedBy,
    suspended: isHeld(workspace.status),
    generation: workspace.generation,
  });
}

/** Pod Security labels, the egress NetworkPolicy and the container defaults, in the namespace. */
export async function applyGuardrails(workspace: Pick<DesiredWorkspace, "name" | "guardrails" | "containerDefaults">): Promise<void> {
  const settings = guardrailSettings();
  // Independent objects: applied together, each idempotent.
  await Promise.all([
    applyNamespaceLabels(buildNamespaceLabels(workspace.name, workspace.guardrails.podSecurity)),
    applyNetworkPolicy(
      buildEgressPolicy(workspace.name, {
        allow: workspace.guardrails.egressAllow,
        namespaces: settings.egressNamespaces,
        dnsNamespace: settings.dnsNamespace,
      }),
    ),
    // The profile controller creates no LimitRange; without one, pods that declare no requests
    // cannot start under the quota.
    workspace.containerDefaults ? applyLimitRange(buildLimitRange(workspace.name, workspace.containerDefaults)) : undefined,
  ]);
}
