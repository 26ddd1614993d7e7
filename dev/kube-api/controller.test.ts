// The profile-controller imitation: namespace and kf-resource-quota follow each Profile write, a
// foreign namespace is not taken over, and quota drift is not repaired until the Profile changes.
import { PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { apiError, apply, control, profile, PROFILES, raw, startHarness, type AnyJson, type Harness } from "./test-support";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.standIn.stop();
});

const getQuota = (ns: string) => raw(h.standIn, "GET", `/api/v1/namespaces/${ns}/resourcequotas/kf-resource-quota`);
const getProfile = async (name: string) => (await h.custom.getClusterCustomObject({ ...PROFILES, name })) as AnyJson;

describe("profile-controller", () => {
  it("creates the namespace (owner, labels, ownerReference) and kf-resource-quota with zero usage", async () => {
    const created = (await apply(h, profile("ws"))).data as AnyJson;
    const ns = await h.core.readNamespace({ name: "ws" });
    expect(ns.metadata?.annotations).toEqual({ owner: "ada@example.com" });
    expect(ns.metadata?.labels).toMatchObject({
      "istio-injection": "enabled",
      "app.kubernetes.io/part-of": "kubeflow-profile",
      "kubernetes.io/metadata.name": "ws",
    });
    expect(ns.metadata?.ownerReferences).toEqual([
      { apiVersion: "kubeflow.org/v1", kind: "Profile", name: "ws", uid: created.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(ns.status?.phase).toBe("Active");
    const quota = await h.core.readNamespacedResourceQuota({ name: "kf-resource-quota", namespace: "ws" });
    expect(quota.spec?.hard).toEqual({ pods: "20", "requests.cpu": "4", "requests.memory": "16Gi" });
    expect(quota.status?.hard).toEqual(quota.spec?.hard);
    expect(quota.status?.used).toEqual({ pods: "0", "requests.cpu": "0", "requests.memory": "0" });
    expect(quota.metadata?.ownerReferences?.[0]?.uid).toBe(created.metadata.uid);
  });

  it("replaces the quota when hard changes, storing canonical quantities", async () => {
    await apply(h, profile("ws"));
    await apply(h, profile("ws", { "requests.cpu": "1500m", "limits.cpu": "2000m", "requests.memory": "1024Mi", "requests.nvidia.com/gpu": "1" }));
    const quota = (await getQuota("ws")).json;
    expect(quota.spec.hard).toEqual({ "limits.cpu": "2", "requests.cpu": "1500m", "requests.memory": "1Gi", "requests.nvidia.com/gpu": "1" });
    expect(Object.keys(quota.status.used).sort()).toEqual(Object.keys(quota.spec.hard).sort());
    // The Profile itself keeps the strings as written (custom resources are not canonicalized).
    expect((await getProfile("ws")).spec.resourceQuotaSpec.hard["limits.cpu"]).toBe("2000m");
  });

  it("deletes the quota when hard is empty or missing, and recreates it when hard comes back", async () => {
    await apply(h, profile("ws"));
    await apply(h, profile("ws", {}));
    expect((await getQuota("ws")).status).toBe(404);
    await apply(h, profile("ws"));
    expect((await getQuota("ws")).status).toBe(200);
    await apply(h, profile("ws", null));
    expect((await getQuota("ws")).status).toBe(404);
    expect((await h.core.readNamespace({ name: "ws" })).metadata?.name).toBe("ws");
  });

  it("deletes the namespace and quota with the Profile", async () => {
    await apply(h, profile("ws"));
    await h.custom.deleteClusterCustomObject({ ...PROFILES, name: "ws" });
    expect((await apiError(h.core.readNamespace({ name: "ws" }))).code).toBe(404);
    expect((await getQuota("ws")).status).toBe(404);
    expect((await raw(h.standIn, "GET", "/api/v1/resourcequotas")).json.items).toEqual([]);
  });

  it("does not take over a namespace owned by someone else and marks the Profile Failed", async () => {
    const made = await control(h.standIn, "POST", "/namespaces", { name: "taken", owner: "bob@example.com" });
    expect(made.status).toBe(201);
    await apply(h, profile("taken"));
    const ns = await h.core.readNamespace({ name: "taken" });
    expect(ns.metadata?.annotations).toEqual({ owner: "bob@example.com" });
    expect(ns.metadata?.ownerReferences).toBeUndefined();
    expect((await getQuota("taken")).status).toBe(404);
    const p = await getProfile("taken");
    expect(p.status.conditions).toEqual([
      { type: "Failed", status: "True", message: "namespace already exist, but not owned by profile creator ada@example.com" },
    ]);
    // Deleting the Profile leaves the namespace it never owned.
    await h.custom.deleteClusterCustomObject({ ...PROFILES, name: "taken" });
    expect((await h.core.readNamespace({ name: "taken" })).metadata?.name).toBe("taken");
  });

  it("does not take over the cluster's own namespaces", async () => {
    await apply(h, profile("default"));
    expect((await getProfile("default")).status.conditions[0].type).toBe("Failed");
    expect((await h.core.readNamespace({ name: "default" })).metadata?.annotations).toBeUndefined();
  });

  it("does not repair a hand-deleted quota until the Profile changes", async () => {
    await apply(h, profile("ws"));
    await h.core.deleteNamespacedResourceQuota({ name: "kf-resource-quota", namespace: "ws" });
    await apply(h, profile("ws")); // same intent: a no-op, nothing reconciles
    expect((await getQuota("ws")).status).toBe(404);
    await apply(h, profile("ws", { pods: "21", "requests.cpu": "4", "requests.memory": "16Gi" }));
    expect((await getQuota("ws")).json.spec.hard.pods).toBe("21");
  });

  it("does not repair a hand-edited quota until the Profile changes", async () => {
    await apply(h, profile("ws"));
    await h.core.patchNamespacedResourceQuota(
      { name: "kf-resource-quota", namespace: "ws", body: { spec: { hard: { "requests.cpu": "64" } } }, fieldManager: "kubectl-edit" },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    );
    await apply(h, profile("ws"));
    expect((await getQuota("ws")).json.spec.hard["requests.cpu"]).toBe("64");
    const relabeled = profile("ws");
    relabeled.metadata.labels["berth.dev/touched"] = "1";
    await apply(h, relabeled);
    expect((await getQuota("ws")).json.spec.hard["requests.cpu"]).toBe("4");
  });

  it("reports usage set through the control endpoint and keeps it across quota changes", async () => {
    await apply(h, profile("ws"));
    const set = await control(h.standIn, "PUT", "/namespaces/ws/resourcequotas/kf-resource-quota/used", { "requests.cpu": "1.5", pods: "3" });
    expect(set.status).toBe(200);
    expect(set.json.status.used).toEqual({ pods: "3", "requests.cpu": "1500m", "requests.memory": "0" });
    await apply(h, profile("ws", { pods: "30", "requests.cpu": "4" }));
    expect((await getQuota("ws")).json.status.used).toEqual({ pods: "3", "requests.cpu": "1500m" });
    expect((await control(h.standIn, "PUT", "/namespaces/nope/resourcequotas/kf-resource-quota/used", {})).status).toBe(404);
  });

  it("leaves the quota alone when a key would make the real quota invalid (the real controller loops on it)", async () => {
    await apply(h, profile("ws", { gpus: "1" }));
    expect((await h.core.readNamespace({ name: "ws" })).metadata?.name).toBe("ws");
    expect((await getQuota("ws")).status).toBe(404);
    const errors = (await control(h.standIn, "GET", "/controller")).json.errors;
    expect(errors[0]).toContain("gpus");
  });
});
