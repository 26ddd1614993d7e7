// Namespaces. The profile controller creates and deletes a Profile's namespace; Berth checks names
// are free, lists what exists (with labels, for drift), and owns exactly one thing on a workspace
// namespace: its Pod Security Admission labels, written by server-side apply with Berth's own field
// manager. The apply names only those labels, so the controller's own labels are never touched.
import "server-only";
import { PatchStrategy } from "@kubernetes/client-node";
import { FIELD_MANAGER } from "@/lib/config";
import type { PodSecurityLevel } from "@/lib/model/guardrails";
import { kubeCall } from "./call";
import { kubeClients } from "./client";
import { listAll } from "./paging";

/** The policy version the labels pin: the server's own, so upgrades tighten with Kubernetes. */
export const POD_SECURITY_VERSION = "latest";
export const POD_SECURITY_PREFIX = "pod-security.kubernetes.io/";
const MODES = ["enforce", "warn", "audit"] as const;

/** The annotation the profile controller writes with the Profile owner's name. */
export const NAMESPACE_OWNER_ANNOTATION = "owner";

export interface ClusterNamespace {
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Being deleted (deletionTimestamp set, phase Terminating): not a place for a workspace. */
  terminating: boolean;
  /** When the deletion began, as the API server wrote it. */
  deletionTimestamp?: string;
  /** Names of the Profiles among its owner references (the profile controller sets exactly one). */
  ownerProfiles: string[];
}

export interface RawNamespace {
  metadata?: {
    name?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    deletionTimestamp?: Date | string;
    ownerReferences?: { kind?: string; apiVersion?: string; name?: string }[];
  };
  status?: { phase?: string };
}

/** Pure: what Berth reads of a namespace as the API server returned it. */
export function toClusterNamespace(raw: RawNamespace): ClusterNamespace {
  const meta = raw.metadata ?? {};
  const deletion = meta.deletionTimestamp;
  return {
    name: meta.name ?? "",
    labels: meta.labels ?? {},
    annotations: meta.annotations ?? {},
    terminating: deletion !== undefined || raw.status?.phase === "Terminating",
    ...(deletion === undefined ? {} : { deletionTimestamp: deletion instanceof Date ? deletion.toISOString() : String(deletion) }),
    ownerProfiles: (meta.ownerReferences ?? [])
      .filter((ref) => ref.kind === "Profile" && (ref.apiVersion ?? "").startsWith("kubeflow.org/"))
      .map((ref) => ref.name ?? ""),
  };
}

/** Pure: the six labels for a level (enforce, warn, audit, each with its version). */
export function podSecurityLabels(level: PodSecurityLevel): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const mode of MODES) {
    labels[`${POD_SECURITY_PREFIX}${mode}`] = level;
    labels[`${POD_SECURITY_PREFIX}${mode}-version`] = POD_SECURITY_VERSION;
  }
  return labels;
}

export interface NamespaceLabelsManifest {
  apiVersion: "v1";
  kind: "Namespace";
  metadata: { name: string; labels: Record<string, string> };
}

/** Pure: the apply body that owns the Pod Security labels and nothing else of the namespace. */
export function buildNamespaceLabels(name: string, level: PodSecurityLevel): NamespaceLabelsManifest {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels: podSecurityLabels(level) } };
}

/** The Pod Security labels a namespace carries now (only those). */
export function podSecurityLabelsOf(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).filter(([key]) => key.startsWith(POD_SECURITY_PREFIX)));
}

/**
 * Applies the labels with force: a hand edit of them is taken back, while labels other managers
 * own stay theirs. Only called once the namespace exists (an apply would otherwise create it).
 */
export async function applyNamespaceLabels(manifest: NamespaceLabelsManifest): Promise<{ auditId?: string }> {
  const response = await kubeCall(
    (options) =>
      kubeClients().core.patchNamespaceWithHttpInfo(
        { name: manifest.metadata.name, body: manifest, fieldManager: FIELD_MANAGER, force: true },
        options,
      ),
    { headers: { "Content-Type": PatchStrategy.ServerSideApply } },
  );
  return { auditId: response.headers["audit-id"] };
}

/** The namespace of that name as Berth reads it, or null when the cluster has none. */
export async function getNamespace(name: string): Promise<ClusterNamespace | null> {
  return kubeCall(async (options) => toClusterNamespace(await kubeClients().core.readNamespace({ name }, options)), { notFound: () => null });
}

/** Whether a namespace of that name exists, even one being deleted (a Profile needs its name free). */
export async function namespaceExists(name: string): Promise<boolean> {
  return (await getNamespace(name)) !== null;
}

/** Every namespace in the cluster, with its labels. */
export async function listNamespaces(): Promise<ClusterNamespace[]> {
  return listAll(async (paging, options) => {
    const list = await kubeClients().core.listNamespace(paging, options);
    return {
      items: list.items.map(toClusterNamespace),
      next: list.metadata?._continue,
    };
  });
}
