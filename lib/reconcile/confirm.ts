// One workspace's desired state → cluster calls, then the check that the cluster really holds it:
// the Profile with the right owner and quota, and the namespace with a kf-resource-quota whose
// `hard` matches. Profile status is not a health signal, so it is not read.
import "server-only";
import { KubeApiError } from "@/lib/kube/errors";
import { applyLimitRange, buildLimitRange } from "@/lib/kube/limit-ranges";
import { applyNamespaceLabels, buildNamespaceLabels, namespaceExists } from "@/lib/kube/namespaces";
import { applyNetworkPolicy, buildEgressPolicy } from "@/lib/kube/network-policies";
import { guardrailSettings } from "@/lib/config";
import { applyProfile, buildProfile, deleteProfile, getProfile, LABEL_WORKSPACE_ID, type ClusterProfile, type ProfileManifest } from "@/lib/kube/profiles";
import { getQuota } from "@/lib/kube/resource-quotas";
import { sameHard, suspendedHard } from "@/lib/quota/compare";
import type { Hard } from "@/lib/quota/keys";
import type { ContainerDefaults } from "@/lib/tiers/container-defaults";
import type { TierGuardrails } from "@/lib/tiers/guardrails";
import { isHeld, WorkspaceStatus } from "@/lib/model/workspace-status";

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

export type ConfirmResult =
  | { state: "confirmed"; applied: unknown; auditId?: string }
  | { state: "waiting"; step: string };

/** The quota the cluster should enforce for this workspace now. */
export function effectiveHard(workspace: Pick<DesiredWorkspace, "status" | "hard">): Hard {
  // An expired workspace is held like a suspended one: data kept, no new pods.
  return isHeld(workspace.status) ? suspendedHard(workspace.hard) : workspace.hard;
}

export async function confirmWorkspace(workspace: DesiredWorkspace): Promise<ConfirmResult> {
  if (workspace.status === WorkspaceStatus.DECOMMISSIONED) {
    const { auditId } = await deleteProfile(workspace.name);
    if (await getProfile(workspace.name)) return { state: "waiting", step: "waiting for the Profile to be deleted" };
    return { state: "confirmed", applied: { profile: "deleted" }, auditId };
  }

  const hard = effectiveHard(workspace);
  const manifest = desiredProfile(workspace);
  // Applied (and audited) by the approval itself: only what the controller makes is left to see.
  let auditId: string | undefined;
  if (!workspace.profileApplied) {
    assertOurs(workspace, await getProfile(workspace.name));
    ({ auditId } = await applyProfile(manifest));
  }

  // Both reads at once: they are independent, and this is on every approval's path.
  const [namespaceFound, quota] = await Promise.all([namespaceExists(workspace.name), getQuota(workspace.name)]);
  if (!namespaceFound) return { state: "waiting", step: "waiting for the namespace" };
  // The guardrails, re-applied with every generation (suspended and expired workspaces keep them),
  // so edits of the tier follow and a re-apply repairs drift.
  await applyGuardrails(workspace);
  if (!quota) return { state: "waiting", step: "waiting for kf-resource-quota" };
  if (!sameHard(quota.hard, hard)) return { state: "waiting", step: "waiting for kf-resource-quota to match the quota" };
  return { state: "confirmed", applied: { owner: manifest.spec.owner, hard, suspended: isHeld(workspace.status), guardrails: workspace.guardrails }, auditId };
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
