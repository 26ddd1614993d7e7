// The RoleBinding that makes someone a contributor of a workspace namespace, exactly as Kubeflow's
// access-management API (KFAM, kubeflow/dashboard components/access-management/kfam/bindings.go)
// writes it: its name rule, `user`/`role` annotations (`group` for a group) and a ClusterRole
// kubeflow-edit or kubeflow-view. Berth adds only its own labels. Writes are server-side apply.
import "server-only";
import { PatchStrategy } from "@kubernetes/client-node";
import { FIELD_MANAGER } from "@/lib/config";
import { kubeCall } from "./call";
import { kubeClients } from "./client";
import { listAll } from "./paging";
import { LABEL_MANAGED_BY } from "./profiles";

export const RBAC_GROUP = "rbac.authorization.k8s.io";
export const LABEL_GRANT_ID = "berth.io/access-grant-id";
/** KFAM's annotation keys; `group` is the one newer KFAM reads for a Group subject. */
export const ANNOTATION_USER = "user";
export const ANNOTATION_GROUP = "group";
export const ANNOTATION_ROLE = "role";
/** What the profile controller writes for the owner: not a contributor, never Berth's to touch. */
export const OWNER_BINDING = "namespaceAdmin";

export type ContributorRole = "edit" | "view";
export type SubjectKind = "User" | "Group";

/** KFAM's role names ↔ ClusterRoles. `admin` is the owner's and is never granted by Berth. */
export const CLUSTER_ROLE: Record<ContributorRole, string> = { edit: "kubeflow-edit", view: "kubeflow-view" };

export interface ContributorSubject {
  kind: SubjectKind;
  name: string;
}

const NOT_ALNUM = /[^a-zA-Z0-9]+/g;

/**
 * KFAM's getBindingName: subject kind, name (every run of characters other than letters and digits
 * made one `-`), `ClusterRole` and the role, joined by `-`, lower-cased, and the same rule once more.
 * `alice.smith@example.com` as editor → `user-alice-smith-example-com-clusterrole-edit`.
 */
export function contributorObjectName(subject: ContributorSubject, role: ContributorRole): string {
  const raw = [subject.kind, encodeURIComponent(subject.name.replace(NOT_ALNUM, "-")), "ClusterRole", role].join("-").toLowerCase();
  return raw.replace(NOT_ALNUM, "-");
}

export interface ContributorIntent {
  namespace: string;
  subject: ContributorSubject;
  role: ContributorRole;
  /** Berth's grant id, as a label, so drift finds its own objects. */
  grantId: string;
}

export interface RoleBindingManifest {
  apiVersion: "rbac.authorization.k8s.io/v1";
  kind: "RoleBinding";
  metadata: { name: string; namespace: string; labels: Record<string, string>; annotations: Record<string, string> };
  roleRef: { apiGroup: typeof RBAC_GROUP; kind: "ClusterRole"; name: string };
  subjects: { apiGroup: typeof RBAC_GROUP; kind: SubjectKind; name: string }[];
}

/** The annotations KFAM writes on both objects: who (`user`, or `group` for a group) and which role. */
export function contributorAnnotations(subject: ContributorSubject, role: ContributorRole): Record<string, string> {
  return { [subject.kind === "User" ? ANNOTATION_USER : ANNOTATION_GROUP]: subject.name, [ANNOTATION_ROLE]: role };
}

export function contributorLabels(grantId: string): Record<string, string> {
  return { [LABEL_MANAGED_BY]: "berth", [LABEL_GRANT_ID]: grantId };
}

/** Pure: one grant → its RoleBinding. Only kubeflow-edit and kubeflow-view can come out of it. */
export function buildRoleBinding(intent: ContributorIntent): RoleBindingManifest {
  const clusterRole = CLUSTER_ROLE[intent.role];
  if (!clusterRole) throw new Error(`refusing to bind role ${JSON.stringify(intent.role)}`);
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: {
      name: contributorObjectName(intent.subject, intent.role),
      namespace: intent.namespace,
      labels: contributorLabels(intent.grantId),
      annotations: contributorAnnotations(intent.subject, intent.role),
    },
    roleRef: { apiGroup: RBAC_GROUP, kind: "ClusterRole", name: clusterRole },
    subjects: [{ apiGroup: RBAC_GROUP, kind: intent.subject.kind, name: intent.subject.name }],
  };
}

/** A RoleBinding as the API server returns it: the fields Berth reads. */
export interface ClusterRoleBinding {
  metadata: { name: string; namespace: string; labels?: Record<string, string>; annotations?: Record<string, string>; uid?: string };
  roleRef: { kind: string; name: string };
  subjects?: { kind: string; name: string }[];
}

function toBinding(raw: {
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; uid?: string };
  roleRef?: { kind?: string; name?: string };
  subjects?: { kind?: string; name?: string }[];
}): ClusterRoleBinding {
  return {
    metadata: {
      name: raw.metadata?.name ?? "",
      namespace: raw.metadata?.namespace ?? "",
      labels: raw.metadata?.labels,
      annotations: raw.metadata?.annotations,
      uid: raw.metadata?.uid,
    },
    roleRef: { kind: raw.roleRef?.kind ?? "", name: raw.roleRef?.name ?? "" },
    subjects: raw.subjects?.map((s) => ({ kind: s.kind ?? "", name: s.name ?? "" })),
  };
}

export async function applyRoleBinding(manifest: RoleBindingManifest): Promise<{ auditId?: string }> {
  const { name, namespace } = manifest.metadata;
  const response = await kubeCall(
    (options) =>
      kubeClients().rbac.patchNamespacedRoleBindingWithHttpInfo(
        { name, namespace, body: manifest, fieldManager: FIELD_MANAGER, force: true },
        options,
      ),
    { headers: { "Content-Type": PatchStrategy.ServerSideApply } },
  );
  return { auditId: response.headers["audit-id"] };
}

export async function getRoleBinding(namespace: string, name: string): Promise<ClusterRoleBinding | null> {
  const raw = await kubeCall((options) => kubeClients().rbac.readNamespacedRoleBinding({ name, namespace }, options), { notFound: () => null });
  return raw && toBinding(raw);
}

/** Deletes one binding; gone already is fine (a retry after an unknown outcome). */
export async function deleteRoleBinding(namespace: string, name: string): Promise<{ auditId?: string }> {
  return kubeCall(
    async (options) => {
      const response = await kubeClients().rbac.deleteNamespacedRoleBindingWithHttpInfo({ name, namespace }, options);
      return { auditId: response.headers["audit-id"] };
    },
    { notFound: (gone) => ({ auditId: gone.auditId }) },
  );
}

/** Every RoleBinding in the cluster, one paged LIST: drift keeps the contributor ones (annotations). */
export async function listRoleBindings(): Promise<ClusterRoleBinding[]> {
  return listAll(async (paging, options) => {
    const list = await kubeClients().rbac.listRoleBindingForAllNamespaces(paging, options);
    return { items: list.items.map(toBinding), next: list.metadata?._continue };
  });
}
