// Whole-cluster reads for status and drift: one LIST call per kind (paged), never one call per
// workspace, plus the single-workspace reads a detail page needs and the Profile delete.
import "server-only";
import { callOptions, kubeClients } from "./client";
import { toKubeApiError } from "./errors";
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

const PAGE = 500;
const target = { group: PROFILE_GROUP, version: PROFILE_VERSION, plural: PROFILE_PLURAL };

interface RawQuota {
  metadata?: { namespace?: string };
  spec?: { hard?: Record<string, string> };
  status?: { used?: Record<string, string> };
}

function toQuota(raw: RawQuota): ClusterQuota {
  return { namespace: raw.metadata?.namespace ?? "", hard: raw.spec?.hard ?? {}, used: raw.status?.used ?? {} };
}

async function paged<T>(fetchPage: (cont: string | undefined) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const all: T[] = [];
  let cont: string | undefined;
  do {
    const page = await fetchPage(cont);
    all.push(...page.items);
    cont = page.next || undefined;
  } while (cont);
  return all;
}

/** Profiles, namespaces and kf-resource-quotas: three list calls whatever the number of workspaces. */
export async function readClusterSnapshot(): Promise<ClusterSnapshot> {
  const { customObjects, core } = kubeClients();
  try {
    const [profiles, namespaces, quotas] = await Promise.all([
      paged(async (cont) => {
        const list = (await customObjects.listClusterCustomObject({ ...target, limit: PAGE, _continue: cont }, callOptions())) as {
          items: ClusterProfile[];
          metadata?: { _continue?: string; continue?: string };
        };
        return { items: list.items, next: list.metadata?.continue ?? list.metadata?._continue };
      }),
      paged(async (cont) => {
        const list = await core.listNamespace({ limit: PAGE, _continue: cont }, callOptions());
        return { items: list.items.map((ns) => ns.metadata?.name ?? ""), next: list.metadata?._continue };
      }),
      paged(async (cont) => {
        const list = await core.listResourceQuotaForAllNamespaces(
          { fieldSelector: `metadata.name=${QUOTA_NAME}`, limit: PAGE, _continue: cont },
          callOptions(),
        );
        return { items: list.items.map((q) => toQuota(q as RawQuota)), next: list.metadata?._continue };
      }),
    ]);
    return { profiles, namespaces: new Set(namespaces), quotas: new Map(quotas.map((q) => [q.namespace, q])) };
  } catch (error) {
    throw toKubeApiError(error);
  }
}

/** One namespace's kf-resource-quota, or null when it has none. */
export async function getQuota(namespace: string): Promise<ClusterQuota | null> {
  try {
    const raw = await kubeClients().core.readNamespacedResourceQuota({ name: QUOTA_NAME, namespace }, callOptions());
    return toQuota(raw as RawQuota);
  } catch (error) {
    const mapped = toKubeApiError(error);
    if (mapped.failure === "not_found") return null;
    throw mapped;
  }
}

/** Deletes a Profile (the controller's owner references then delete its namespace). Gone already is fine. */
export async function deleteProfile(name: string): Promise<{ auditId?: string }> {
  try {
    const response = await kubeClients().customObjects.deleteClusterCustomObjectWithHttpInfo({ ...target, name }, callOptions());
    return { auditId: response.headers["audit-id"] };
  } catch (error) {
    const mapped = toKubeApiError(error);
    if (mapped.failure === "not_found") return { auditId: mapped.auditId };
    throw mapped;
  }
}

/** A cheap call that proves the API server answers and Berth may read Profiles (readiness). */
export async function pingCluster(): Promise<void> {
  try {
    await kubeClients().customObjects.listClusterCustomObject({ ...target, limit: 1 }, callOptions());
  } catch (error) {
    throw toKubeApiError(error);
  }
}
