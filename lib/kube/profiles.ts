// Profile reads and writes against the API server. Writes are server-side apply with
// Berth's field manager and force, so the same intent can be re-sent safely.
import "server-only";
import { PatchStrategy } from "@kubernetes/client-node";
import { FIELD_MANAGER } from "@/lib/config";
import { kubeCall } from "./call";
import { kubeClients } from "./client";
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
  const response = await kubeCall(
    (options) =>
      kubeClients().customObjects.patchClusterCustomObjectWithHttpInfo(
        { ...target, name: manifest.metadata.name, body: manifest, fieldManager: FIELD_MANAGER, force: true },
        options,
      ),
    { headers: { "Content-Type": PatchStrategy.ServerSideApply } },
  );
  return { profile: response.data as ClusterProfile, auditId: response.headers["audit-id"] };
}

/** The Profile of that name, or null when the cluster has none. */
export async function getProfile(name: string): Promise<ClusterProfile | null> {
  return kubeCall((options) => kubeClients().customObjects.getClusterCustomObject({ ...target, name }, options) as Promise<ClusterProfile>, {
    notFound: () => null,
  });
}

/** Whether a namespace of that name exists (a Profile needs its name free). */
export async function namespaceExists(name: string): Promise<boolean> {
  return kubeCall(
    async (options) => {
      await kubeClients().core.readNamespace({ name }, options);
      return true;
    },
    { notFound: () => false },
  );
}
