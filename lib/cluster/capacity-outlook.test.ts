import { describe, expect, it } from "vitest";
import type { ClusterNode } from "@/lib/kube/nodes";
import { allocatableOf, committedBy, outlookAfter, type Capacity } from "./capacity-outlook";

const known = (over: Partial<Extract<Capacity, { state: "known" }>> = {}): Extract<Capacity, { state: "known" }> => ({
  state: "known",
  allocatable: { cpu: 64, memory: 256 * 2 ** 30, gpu: 4 },
  committed: { cpu: 32, memory: 64 * 2 ** 30, gpu: 3 },
  limits: { cpu: 4, memory: 1.5, gpu: 1 },
  nodes: 3,
  ...over,
});

describe("capacity arithmetic (THREATS 53)", () => {
  it("reads what a quota commits from requests first, then the plain key, then limits", () => {
    expect(committedBy({ "requests.cpu": "500m", "limits.cpu": "8", memory: "1Gi", "requests.nvidia.com/gpu": "2" })).toEqual({ cpu: 0.5, memory: 2 ** 30, gpu: 2 });
    expect(committedBy({ "limits.memory": "2Gi", pods: "10" })).toEqual({ cpu: 0, memory: 2 * 2 ** 30, gpu: 0 });
  });

  it("adds up allocatable of the nodes that take pods, leaving cordoned ones out", () => {
    const nodes: ClusterNode[] = [
      { name: "a", allocatable: { cpu: "16", memory: "64Gi" }, unschedulable: false },
      { name: "b", allocatable: { cpu: "3500m", "nvidia.com/gpu": "4" }, unschedulable: false },
      { name: "c", allocatable: { cpu: "100", "nvidia.com/gpu": "8" }, unschedulable: true },
    ];
    expect(allocatableOf(nodes)).toEqual({ cpu: 19.5, memory: 64 * 2 ** 30, gpu: 4 });
  });

  it("warns when an approval takes a resource past its overcommit limit: GPUs at 1.0", () => {
    const [cpu, memory, gpu] = outlookAfter(known(), { "requests.cpu": "8", "requests.memory": "16Gi", "requests.nvidia.com/gpu": "2" });
    expect(cpu).toMatchObject({ resource: "cpu", ratioAfter: 40 / 64, warning: false });
    expect(memory).toMatchObject({ resource: "memory", warning: false });
    expect(gpu).toMatchObject({ resource: "gpu", committed: 3, requested: 2, ratioAfter: 1.25, limit: 1, warning: true });
    expect(outlookAfter(known(), { "requests.nvidia.com/gpu": "1" })[2]).toMatchObject({ ratioAfter: 1, warning: false });
  });

  it("asking for GPUs of a cluster without any is an infinite ratio and a warning; asking for none is not", () => {
    const none = known({ allocatable: { cpu: 64, memory: 2 ** 38, gpu: 0 }, committed: { cpu: 0, memory: 0, gpu: 0 } });
    expect(outlookAfter(none, { "requests.nvidia.com/gpu": "1" })[2]).toMatchObject({ ratioAfter: Infinity, warning: true });
    expect(outlookAfter(none, { pods: "1" })[2]).toMatchObject({ ratioAfter: 0, warning: false });
  });
});
