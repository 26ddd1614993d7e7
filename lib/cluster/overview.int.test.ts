// What admins and owners read about the cluster: the reconciler's last scan (no call to the
// cluster per view, and how old it is), the truth when the cluster is unreachable or refuses
// Berth, and who may read what.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ForbiddenError, NotFoundError } from "@/lib/model/errors";
import { actor, approvedWorkspace, standIn } from "@/test/fixtures";
import { ClusterCache } from "@/lib/kube/cluster-cache";
import { reconcileOnce } from "./reconciler";
import { getClusterOverview, getWorkspaceForAdmin, getWorkspaceUsage, listApprovedWorkspaces } from "./overview";

beforeEach(async () => {
  await standIn.clearFaults();
  await standIn.clearRequests();
});
afterEach(() => standIn.clearFaults());

describe("cluster overview", () => {
  it("makes no call to the cluster: it shows the reconciler's last scan and when that was", async () => {
    const first = await approvedWorkspace();
    await approvedWorkspace();
    const before = new Date();
    await reconcileOnce();
    await standIn.clearRequests();
    const overview = await getClusterOverview(first.admin, {});
    await listApprovedWorkspaces(first.admin, {});
    expect(await standIn.requests()).toEqual([]);
    expect(overview.source).toBe("list");
    expect(overview.observedAt?.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1_000);
    expect(overview.problem).toBeUndefined();
  });

  it("shows the findings of a pass that read the informers' cache as such", async () => {
    const { admin } = await approvedWorkspace();
    const cache = new ClusterCache();
    cache.start();
    try {
      expect(await cache.waitForSync(10_000)).toBe(true);
      await standIn.clearRequests();
      await reconcileOnce({ snapshot: cache.snapshot() });
      // The pass itself listed nothing: the cache is the cluster's picture.
      const lists = /^\/(apis\/kubeflow\.org\/v1\/profiles|api\/v1\/(namespaces|resourcequotas|limitranges)|apis\/networking\.k8s\.io\/v1\/networkpolicies)(\?|$)/;
      expect((await standIn.requests()).filter((r) => r.method === "GET" && lists.test(r.path) && !r.path.includes("watch="))).toEqual([]);
      expect((await getClusterOverview(admin, {})).source).toBe("watch");
    } finally {
      await cache.stop();
    }
  });

  it("shows a 403 on reading the cluster as a configuration error (THREATS 31) and an outage as unreachable", async () => {
    const { admin } = await approvedWorkspace();
    await standIn.injectFault({ method: "GET", pathPrefix: "/apis/kubeflow.org/v1/profiles", count: 1, status: 403 });
    await reconcileOnce();
    expect((await getClusterOverview(admin, {})).problem).toMatchObject({ failure: "forbidden", configuration: true });
    await standIn.injectFault({ method: "GET", count: 3, mode: "reset" });
    await reconcileOnce();
    expect((await getClusterOverview(admin, {})).problem).toMatchObject({ failure: "unreachable", configuration: false });
  });

  it("lists a workspace the API server refused (403) for the admins' banner", async () => {
    await standIn.injectFault({ method: "PATCH", pathPrefix: "/apis/kubeflow.org/v1/profiles/", count: 1, status: 403 });
    const { admin, id } = await approvedWorkspace();
    expect((await getClusterOverview(admin, {})).blockedByConfiguration.map((w) => w.id)).toContain(id);
  });

  it("refuses requesters and auditors (THREATS 2, 6)", async () => {
    const { name } = await approvedWorkspace();
    for (const roles of [["requester"], ["requester", "auditor"]] as const) {
      const who = await actor(`${roles.length}.${name}@example.com`, [...roles]);
      await expect(getClusterOverview(who, {})).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listApprovedWorkspaces(who, {})).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

describe("quota usage on the workspace page", () => {
  it("reads used against hard from kf-resource-quota for the owner, and says so when the cluster is unreachable", async () => {
    const { id, name, ada } = await approvedWorkspace();
    await standIn.setQuotaUsed(name, { pods: "3" });
    const usage = await getWorkspaceUsage(ada, { workspaceId: id });
    expect(usage).toMatchObject({ state: "known", quota: { used: { pods: "3" }, hard: { pods: "10" } } });
    await standIn.injectFault({ method: "GET", count: 1, mode: "reset" });
    expect(await getWorkspaceUsage(ada, { workspaceId: id })).toEqual({ state: "unreachable" });
  });

  it("answers another user's workspace as not found (THREATS 3)", async () => {
    const { id, name } = await approvedWorkspace();
    const bob = await actor(`bob.${name}@example.com`);
    await expect(getWorkspaceUsage(bob, { workspaceId: id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("answers an id that is no UUID as not found, for the owner and for admins", async () => {
    const { id, ada, admin } = await approvedWorkspace();
    await expect(getWorkspaceUsage(ada, { workspaceId: "not-a-uuid" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getWorkspaceForAdmin(admin, { workspaceId: "not-a-uuid" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getWorkspaceForAdmin(admin, { workspaceId: id })).resolves.toMatchObject({ id });
  });
});
