// Capacity before approval: what the cluster's schedulable nodes can give (allocatable CPU, memory,
// nvidia.com/gpu), what Berth has already committed to workspaces that can run pods (from its own
// database, one query, never one API call per workspace), and the overcommit ratio an approval
// would lead to. A cluster that does not let Berth list nodes means "capacity unknown", not an error.
import "server-only";
import { guardrailSettings } from "@/lib/config";
import { db } from "@/lib/db/client";
import { toKubeApiError } from "@/lib/kube/errors";
import { listNodes, type ClusterNode } from "@/lib/kube/nodes";
import { allocatableOf, CAPACITY_RESOURCES, committedBy, zero, type Capacity } from "./capacity-outlook";

export type { Capacity };
import { WorkspaceStatus } from "@/lib/model/workspace-status";
import { defineOperation, noInput } from "@/lib/operations/define-operation";
import type { Hard } from "@/lib/quota/keys";

export const getCapacity = defineOperation({
  name: "cluster.read-capacity",
  title: "reading the cluster's capacity",
  roles: ["admin"],
  input: noInput,
  audit: [],
  run: readCapacity,
});

/** Workspaces whose quota can run pods now or once provisioned; held ones run none. */
const COMMITTING = [WorkspaceStatus.PROVISIONING, WorkspaceStatus.ACTIVE];

async function readCapacity(): Promise<Capacity> {
  const rows = db.workspace.findMany({ where: { status: { in: COMMITTING }, decidedById: { not: null } }, select: { hard: true } });
  let nodes: ClusterNode[];
  try {
    nodes = await listNodes();
  } catch (error) {
    await rows.catch(() => undefined);
    const failure = toKubeApiError(error).failure;
    return {
      state: "unknown",
      reason:
        failure === "forbidden"
          ? "Berth may not list nodes in this cluster (grant `list` on nodes to see capacity)."
          : "The cluster could not be asked for its nodes right now.",
    };
  }
  const committed = zero();
  for (const row of await rows) {
    const amounts = committedBy(row.hard as Hard);
    for (const resource of CAPACITY_RESOURCES) committed[resource] += amounts[resource];
  }
  return { state: "known", allocatable: allocatableOf(nodes), committed, limits: guardrailSettings().overcommitLimits, nodes: nodes.filter((n) => !n.unschedulable).length };
}
