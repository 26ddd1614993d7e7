// The kubeflow.org/v1 Profile: the pure builder (one approved workspace → manifest) and its calls.
// Berth's own facts (tier, request id) travel as labels and annotations, since the CRD has no fields
// for them; writes are server-side apply with Berth's field manager and force, so re-sending is safe.
import "server-only";
import { PatchStrategy } from "@kubernetes/client-node";
import { FIELD_MANAGER } from "@/lib/config";
import { hardFromCluster } from "@/lib/quota/from-cluster";
import type { Hard } from "@/lib/quota/keys";
import { kubeCall } from "./call";
import { kubeClients } from "./client";
import { listAll } from "./paging";

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

/** A Profile as the API server returns it: only the fields Berth reads, all of them optional but the name. */
export interface ClusterProfile {
  metadata: {
    name: string;
    uid?: string;
    resourceVersion?: string;
    /** Set while the Profile is being deleted (the real controller's finalizer holds it). */
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    managedFields?: ManagedFieldsEntry[];
  };
  spec?: { owner?: { kind?: string; name?: string }; resourceQuotaSpec?: { hard?: Record<string, string> } };
}

/** managedFields entries, for who set which field (Berth reads only the manager and the fields). */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  time?: string;
  fieldsV1?: Record<string, unknown>;
}

/**
 * A Profile as Berth reads it: `hard` values in text form whatever the API server sent (the CRD
 * allows integers), so that every comparison, adoption and audit sees the same quantities.
 */
export function toClusterProfile(raw: unknown): ClusterProfile {
  const profile = raw as ClusterProfile;
  const hard = profile.spec?.resourceQuotaSpec?.hard;
  if (hard === undefined) return profile;
  return { ...profile, spec: { ...profile.spec, resourceQuotaSpec: { ...profile.spec?.resourceQuotaSpec, hard: hardFromCluster(hard) } } };
}

export interface ApplyResult {
  profile: ClusterProfile;
  auditId?: string;
}

const target = { group: PROFILE_GROUP, version: PROFILE_VERSION, plural: PROFILE_PLURAL };

export async function applyProfile(manifest: ProfileManifest): Promise<ApplyResult> {
  const response = await kubeCall(
    (options) =>
      kubeClients().customObjects.patchClusterCustomObjectWithHttpInfo(
        { ...target, name: manifest.metadata.name, body: manifest, fieldManager: FIELD_MANAGER, force: true },
        options,
      ),
    { headers: { "Content-Type": PatchStrategy.ServerSideApply } },
  );
  return { profile: toClusterProfile(response.data), auditId: response.headers["audit-id"] };
}

/** A JSON pointer token (RFC 6901): `requests.nvidia.com/gpu` → `requests.nvidia.com~1gpu`. */
function pointerToken(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * Removes keys from a Profile's quota by JSON patch, guarded by a `test` of the resourceVersion read:
 * if anyone wrote the Profile since, the server refuses (422) and nothing changes.
 */
export async function removeQuotaKeys(name: string, resourceVersion: string, keys: string[]): Promise<ApplyResult> {
  const body = [
    { op: "test", path: "/metadata/resourceVersion", value: resourceVersion },
    ...keys.map((key) => ({ op: "remove", path: `/spec/resourceQuotaSpec/hard/${pointerToken(key)}` })),
  ];
  const response = await kubeCall(
    (options) => kubeClients().customObjects.patchClusterCustomObjectWithHttpInfo({ ...target, name, body, fieldManager: FIELD_MANAGER }, options),
    { headers: { "Content-Type": PatchStrategy.JsonPatch } },
  );
  return { profile: toClusterProfile(response.data), auditId: response.headers["audit-id"] };
}

/** The Profile of that name, or null when the cluster has none. */
export async function getProfile(name: string): Promise<ClusterProfile | null> {
  return kubeCall(async (options) => toClusterProfile(await kubeClients().customObjects.getClusterCustomObject({ ...target, name }, options)), {
    notFound: () => null,
  });
}

/** Every Profile in the cluster, for status and drift. */
export async function listProfiles(): Promise<ClusterProfile[]> {
  return listAll(async (paging, options) => {
    const list = (await kubeClients().customObjects.listClusterCustomObject({ ...target, ...paging }, options)) as {
      items: ClusterProfile[];
      metadata?: { _continue?: string; continue?: string };
    };
    return { items: list.items.map(toClusterProfile), next: list.metadata?.continue ?? list.metadata?._continue };
  });
}

/** Deletes a Profile (the controller's owner references then delete its namespace). Gone already is fine. */
export async function deleteProfile(name: string): Promise<{ auditId?: string }> {
  return kubeCall(
    async (options) => {
      const response = await kubeClients().customObjects.deleteClusterCustomObjectWithHttpInfo({ ...target, name }, options);
      return { auditId: response.headers["audit-id"] };
    },
    { notFound: (gone) => ({ auditId: gone.auditId }) },
  );
}

/** A cheap call that proves the API server answers and Berth may read Profiles (readiness). */
export async function pingCluster(): Promise<void> {
  await kubeCall((options) => kubeClients().customObjects.listClusterCustomObject({ ...target, limit: 1 }, options));
}
