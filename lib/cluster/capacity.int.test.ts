// Capacity on the approval card: allocatable from the nodes, committed quota from Berth's database,
// and "capacity unknown" (never an error) when Berth may not list nodes.
import { afterEach, describe, expect, it } from "vitest";
import { approveWorkspace } from "@/lib/workspaces/decide";
import { requestWorkspace } from "@/lib/workspaces/request";
import { actor, standIn, testTier, uniqueName } from "@/test/fixtures";
import { getCapacity } from "./capacity";

afterEach(async () => {
  await standIn.clearFaults();
  await standIn.resetRules();
  await standIn.setNodes([
    { name: "cpu-node-1", allocatable: { cpu: "16", memory: "64Gi", pods: "110" } },
    { name: "cpu-node-2", allocatable: { cpu: "16", memory: "64Gi", pods: "110" } },
    { name: "gpu-node-1", allocatable: { cpu: "32", memory: "128Gi", pods: "110", "nvidia.com/gpu": "4" } },
  ]);
});

describe("getCapacity (THREATS 53)", () => {
  it("sums allocatable of schedulable nodes and the quota of approved workspaces, from the database", async () => {
    await standIn.setNodes([
      { name: "n1", allocatable: { cpu: "8", memory: "32Gi", "nvidia.com/gpu": "2" } },
      { name: "n2", allocatable: { cpu: "8", memory: "32Gi", "nvidia.com/gpu": "8" }, unschedulable: true },
    ]);
    const admin = await actor(`grace.cap.${uniqueName()}@example.com`, ["requester", "admin"]);
    const before = await getCapacity(admin, {});
    expect(before).toMatchObject({ state: "known", allocatable: { cpu: 8, memory: 32 * 2 ** 30, gpu: 2 }, limits: { gpu: 1 }, nodes: 1 });

    const tier = await testTier({ hard: { "requests.cpu": "2", "requests.nvidia.com/gpu": "1", pods: "5" }, maxHard: {} });
    const ada = await actor(`ada.cap.${uniqueName()}@example.com`);
    const { id } = await requestWorkspace(ada, { name: uniqueName("gpu"), tier, reason: "training" });
    await approveWorkspace(admin, { workspaceId: id });
    const after = await getCapacity(admin, {});
    if (before.state !== "known" || after.state !== "known") throw new Error("capacity should be known");
    expect(after.committed.gpu - before.committed.gpu).toBe(1);
    expect(after.committed.cpu - before.committed.cpu).toBe(2);

    await standIn.clearRequests();
    await getCapacity(admin, {});
    expect((await standIn.requests()).map((r) => `${r.method} ${r.path}`)).toEqual(["GET /api/v1/nodes"]);
  });

  it("is unknown, with the reason, when Berth may not list nodes or the cluster is down", async () => {
    const admin = await actor(`grace.cap2.${uniqueName()}@example.com`, ["requester", "admin"]);
    await standIn.setRules([{ verbs: ["get", "list"], apiGroups: ["kubeflow.org"], resources: ["profiles"] }]);
    expect(await getCapacity(admin, {})).toEqual({ state: "unknown", reason: expect.stringMatching(/may not list nodes/) });
    await standIn.resetRules();
    await standIn.injectFault({ pathPrefix: "/api/v1/nodes", count: 3, mode: "reset" });
    expect(await getCapacity(admin, {})).toEqual({ state: "unknown", reason: expect.stringMatching(/could not be asked/) });
  });
});
