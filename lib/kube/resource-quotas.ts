// Reads of kf-resource-quota, the ResourceQuota the profile controller writes from a Profile's
// resourceQuotaSpec: its hard limits show what the cluster enforces, its status what is in use.
import "server-only";
import { hardFromCluster } from "@/lib/quota/from-cluster";
import { kubeCall } from "./call";
import { kubeClients } from "./client";
import { listAll } from "./paging";

export const QUOTA_NAME = "kf-resource-quota";

export interface ClusterQuota {
  namespace: string;
  hard: Record<string, string>;
  used: Record<string, string>;
}

export interface RawQuota {
  metadata?: { namespace?: string };
  spec?: { hard?: Record<string, string> };
  status?: { used?: Record<string, string> };
}

export function toQuota(raw: RawQuota): ClusterQuota {
  // Typed quotas answer strings; read them like the Profile's int-or-string maps all the same.
  return { namespace: raw.metadata?.namespace ?? "", hard: hardFromCluster(raw.spec?.hard), used: hardFromCluster(raw.status?.used) };
}

/** One namespace's kf-resource-quota, or null when it has none. */
export async function getQuota(namespace: string): Promise<ClusterQuota | null> {
  const raw = await kubeCall((options) => kubeClients().core.readNamespacedResourceQuota({ name: QUOTA_NAME, namespace }, options), {
    notFound: () => null,
  });
  return raw && toQuota(raw as RawQuota);
}

/** The kf-resource-quota of every namespace that has one (other quotas are not Berth's). */
export async function listQuotas(): Promise<ClusterQuota[]> {
  return listAll(async (paging, options) => {
    const list = await kubeClients().core.listResourceQuotaForAllNamespaces(
      { fieldSelector: `metadata.name=${QUOTA_NAME}`, ...paging },
      options,
    );
    return { items: list.items.map((q) => toQuota(q as RawQuota)), next: list.metadata?._continue };
  });
}
