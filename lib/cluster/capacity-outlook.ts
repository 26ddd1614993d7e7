// Pure capacity arithmetic: what a quota commits, what nodes can give, and the overcommit ratio
// an approval would lead to, per resource (CPU, memory, nvidia.com/gpu).
import type { ClusterNode } from "@/lib/kube/nodes";
import type { Hard } from "@/lib/quota/keys";
import { quantityValue } from "@/lib/quota/quantity";

export const CAPACITY_RESOURCES = ["cpu", "memory", "gpu"] as const;
export type CapacityResource = (typeof CAPACITY_RESOURCES)[number];
export type Amounts = Record<CapacityResource, number>;

const NODE_KEYS: Record<CapacityResource, string> = { cpu: "cpu", memory: "memory", gpu: "nvidia.com/gpu" };
/** The quota keys that commit a resource, in order of preference (the scheduler places by requests). */
const QUOTA_KEYS: Record<CapacityResource, string[]> = {
  cpu: ["requests.cpu", "cpu", "limits.cpu"],
  memory: ["requests.memory", "memory", "limits.memory"],
  gpu: ["requests.nvidia.com/gpu", "limits.nvidia.com/gpu"],
};

export type Capacity =
  | { state: "known"; allocatable: Amounts; committed: Amounts; limits: Amounts; nodes: number }
  | { state: "unknown"; reason: string };

export const zero = (): Amounts => ({ cpu: 0, memory: 0, gpu: 0 });

/** Pure: the part of a quota that commits each resource. */
export function committedBy(hard: Hard): Amounts {
  const amounts = zero();
  for (const resource of CAPACITY_RESOURCES) {
    const key = QUOTA_KEYS[resource].find((k) => hard[k] !== undefined);
    if (key) amounts[resource] = quantityValue(hard[key] as string);
  }
  return amounts;
}

/** Pure: allocatable of the nodes that take new pods. */
export function allocatableOf(nodes: ClusterNode[]): Amounts {
  const amounts = zero();
  for (const node of nodes.filter((n) => !n.unschedulable)) {
    for (const resource of CAPACITY_RESOURCES) {
      const value = node.allocatable[NODE_KEYS[resource]];
      if (value !== undefined) amounts[resource] += quantityValue(value);
    }
  }
  return amounts;
}

export interface ResourceOutlook {
  resource: CapacityResource;
  allocatable: number;
  committed: number;
  requested: number;
  /** (committed + requested) / allocatable; Infinity when something is asked of nothing. */
  ratioAfter: number;
  limit: number;
  warning: boolean;
}

/** Pure: per resource, where this approval would leave the cluster. */
export function outlookAfter(capacity: Extract<Capacity, { state: "known" }>, hard: Hard): ResourceOutlook[] {
  const requested = committedBy(hard);
  return CAPACITY_RESOURCES.map((resource) => {
    const total = capacity.committed[resource] + requested[resource];
    const allocatable = capacity.allocatable[resource];
    const ratioAfter = allocatable > 0 ? total / allocatable : total > 0 ? Infinity : 0;
    const limit = capacity.limits[resource];
    return { resource, allocatable, committed: capacity.committed[resource], requested: requested[resource], ratioAfter, limit, warning: ratioAfter > limit };
  });
}

