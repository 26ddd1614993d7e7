// Node reads, for capacity before approval: what each node can give pods (status.allocatable).
// Read-only; a cluster that does not let Berth list nodes answers 403, which callers turn into
// "capacity unknown".
import "server-only";
import { kubeClients } from "./client";
import { listAll } from "./paging";

export interface ClusterNode {
  name: string;
  allocatable: Record<string, string>;
  /** Cordoned nodes take no new pods; their capacity does not count. */
  unschedulable: boolean;
}

export async function listNodes(): Promise<ClusterNode[]> {
  return listAll(async (paging, options) => {
    const list = await kubeClients().core.listNode(paging, options);
    return {
      items: list.items.map((node) => ({
        name: node.metadata?.name ?? "",
        allocatable: node.status?.allocatable ?? {},
        unschedulable: node.spec?.unschedulable === true,
      })),
      next: list.metadata?._continue,
    };
  });
}
