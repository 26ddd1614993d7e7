// Pure builder: one approved workspace → the kubeflow.org/v1 Profile that Berth applies.
// Berth's own facts (tier, request id) travel as labels and annotations, since the CRD has no fields for them.

import type { Hard } from "@/lib/quota/keys";

export const PROFILE_GROUP = "kubeflow.org";
export const PROFILE_VERSION = "v1";
export const PROFILE_PLURAL = "profiles";

export const LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
export const LABEL_WORKSPACE_ID = "berth.io/workspace-id";
export const LABEL_TIER = "berth.io/tier";
export const ANNOTATION_REQUESTED_BY = "berth.io/requested-by";
export const ANNOTATION_APPROVED_BY = "berth.io/approved-by";
export const ANNOTATION_SUSPENDED = "berth.io/suspended";
/** Berth's desired-state generation: a re-apply changes it, so the controller re-syncs the quota. */
export const ANNOTATION_GENERATION = "berth.io/generation";

export interface ProfileIntent {
  workspaceId: string;
  name: string;
  ownerEmail: string;
  tierSlug: string;
  hard: Hard;
  approvedBy: string;
  /** Suspended: the caller passes the zero-pod quota; the Profile says why in an annotation. */
  suspended?: boolean;
  generation?: number;
}

export interface ProfileManifest {
  apiVersion: `${typeof PROFILE_GROUP}/${typeof PROFILE_VERSION}`;
  kind: "Profile";
  metadata: { name: string; labels: Record<string, string>; annotations: Record<string, string> };
  spec: { owner: { kind: "User"; name: string }; resourceQuotaSpec: { hard: Hard } };
}

export function buildProfile(intent: ProfileIntent): ProfileManifest {
  // The profile controller deletes the namespace's quota when `hard` is empty: never send that.
  if (Object.keys(intent.hard).length === 0) throw new Error("refusing to build a Profile with an empty quota");
  if (!intent.ownerEmail) throw new Error("refusing to build a Profile without an owner");
  return {
    apiVersion: `${PROFILE_GROUP}/${PROFILE_VERSION}`,
    kind: "Profile",
    metadata: {
      name: intent.name,
      labels: {
        [LABEL_MANAGED_BY]: "berth",
        [LABEL_WORKSPACE_ID]: intent.workspaceId,
        [LABEL_TIER]: intent.tierSlug,
      },
      annotations: {
        [ANNOTATION_REQUESTED_BY]: intent.ownerEmail,
        [ANNOTATION_APPROVED_BY]: intent.approvedBy,
        ...(intent.suspended ? { [ANNOTATION_SUSPENDED]: "true" } : {}),
        ...(intent.generation === undefined ? {} : { [ANNOTATION_GENERATION]: String(intent.generation) }),
      },
    },
    spec: {
      owner: { kind: "User", name: intent.ownerEmail },
      resourceQuotaSpec: { hard: { ...intent.hard } },
    },
  };
}
