// Whole-cluster reads for status and drift: one LIST call per kind (paged), never one call per
// workspace, plus the single-workspace reads a detail page needs and the Profile delete.
import "server-only";
import { kubeCall } from "./call";
import { kubeClients } from "./client";
import { listAll } from "./paging";
import { PROFILE_GROUP, PROFILE_PLURAL, PROFILE_VERSION } from "./profile";
import type { ClusterProfile } from "./profiles";

export const QUOTA_NAME = "kf-resource-quota";

export interface ClusterQuota {
  namespace: string;
  hard: Record<string, string>;
  used: Record<string, string>;
}

export interface ClusterSnapshot {
  profiles: ClusterProfile[];
  namespaces: Set<string>;
  /** kf-resource-quota of each namespace that has one, by namespace. */
  quotas: Map<string, ClusterQuota>;
}

const target = { group: PROFILE_GROUP, version: PROFILE_VERSION, plural: PROFILE_PLURAL };

interface RawQuota {
  metadata?: { namespace?: string };
  spec?: { hard?: Record<string, string> };
  status?: { used?: Record<string, string> };
}

function toQuota(raw: RawQuota): ClusterQuota {
  return { namespace: raw.metadata?.namespace ?? "", hard: raw.spec?.hard ?? {}, used: raw.status?.used ?? {} };
}

/** Profiles, namespaces and kf-resource-quotas: three list calls whatever the number of workspaces. */
export async function readClusterSnapshot(): Promise<ClusterSnapshot> {
  const { customObjects, core } = kubeClients();
  const [profiles, namespaces, quotas] = await Promise.all([
    listAll(async (paging, options) => {
      const list = (await customObjects.listClusterCustomObject({ ...target, ...paging }, options)) as {
        items: ClusterProfile[];
        metadata?: { _continue?: string; continue?: string };
      };
      return { items: list.items, next: list.metadata?.continue ?? list.metadata?._continue };
    }),
    listAll(async (paging, options) => {
      const list = await core.listNamespace(paging, options);
      return { items: list.items.map((ns) => ns.metadata?.name ?? ""), next: list.metadata?._continue };
    }),
    listAll(async (paging, options) => {
      const list = await core.listResourceQuotaForAllNamespaces({ fieldSelector: `metadata.name=${QUOTA_NAME}`, ...paging }, options);
      return { items: list.items.map((q) => toQuota(q as RawQuota)), next: list.metadata?._continue };
    }),
  ]);
  return { profiles, namespaces: new Set(namespaces), quotas: new Map(quotas.map((q) => [q.namespace, q])) };
}

/** One namespace's kf-resource-quota, or null when it has none. */
export async function getQuota(namespace: string): Promise<ClusterQuota | null> {
  const raw = await kubeCall((options) => kubeClients().core.readNamespacedResourceQuota({ name: QUOTA_NAME, namespace }, options), {
    notFound: () => null,
  });
  return raw && toQuota(raw as RawQuota);
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
