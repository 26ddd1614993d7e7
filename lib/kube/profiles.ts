// Profile reads and writes against the API server. Writes are server-side apply with
// Berth's field manager and force, so the same intent can be re-sent safely.
import "server-only";
import { PatchStrategy } from "@kubernetes/client-node";
import { FIELD_MANAGER } from "@/lib/config";
import { callOptions, kubeClients } from "./client";
import { toKubeApiError } from "./errors";
import { PROFILE_GROUP, PROFILE_PLURAL, PROFILE_VERSION, type ProfileManifest } from "./profile";

export interface ClusterProfile {
  metadata: { name: string; uid?: string; resourceVersion?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { owner?: { kind?: string; name?: string }; resourceQuotaSpec?: { hard?: Record<string, string> } };
}

export interface ApplyResult {
  profile: ClusterProfile;
  auditId?: string;
}

const target = { group: PROFILE_GROUP, version: PROFILE_VERSION, plural: PROFILE_PLURAL };

export async function applyProfile(manifest: ProfileManifest): Promise<ApplyResult> {
  try {
    const response = await kubeClients().customObjects.patchClusterCustomObjectWithHttpInfo(
      { ...target, name: manifest.metadata.name, body: manifest, fieldManager: FIELD_MANAGER, force: true },
      callOptions({ "Content-Type": PatchStrategy.ServerSideApply }),
    );
    return { profile: response.data as ClusterProfile, auditId: response.headers["audit-id"] };
  } catch (error) {
    throw toKubeApiError(error);
  }
}

/** The Profile of that name, or null when the cluster has none. */
export async function getProfile(name: string): Promise<ClusterProfile | null> {
  try {
    return (await kubeClients().customObjects.getClusterCustomObject({ ...target, name }, callOptions())) as ClusterProfile;
  } catch (error) {
    const mapped = toKubeApiError(error);
    if (mapped.failure === "not_found") return null;
    throw mapped;
  }
}

/** Whether a namespace of that name exists (a Profile needs its name free). */
export async function namespaceExists(name: string): Promise<boolean> {
  try {
    await kubeClients().core.readNamespace({ name }, callOptions());
    return true;
  } catch (error) {
    const mapped = toKubeApiError(error);
    if (mapped.failure === "not_found") return false;
    throw mapped;
  }
}
