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

  it("deletes the namespace and quota with the Profile: Terminating first, purged once emptied", async () => {
    await control(h.standIn, "PUT", "/namespace-termination", { hold: true });
    await apply(h, profile("ws"));
    await h.custom.deleteClusterCustomObject({ ...PROFILES, name: "ws" });
    const terminating = await h.core.readNamespace({ name: "ws" });
    expect(terminating.metadata?.deletionTimestamp).toBeDefined();
    expect(terminating.status?.phase).toBe("Terminating");
    expect((await getQuota("ws")).status).toBe(404);
    expect((await raw(h.standIn, "GET", "/api/v1/resourcequotas")).json.items).toEqual([]);
    await control(h.standIn, "PUT", "/namespace-termination", { hold: false, delayMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await apiError(h.core.readNamespace({ name: "ws" }))).code).toBe(404);
  });

  it("refuses new content in a Terminating namespace (403) and a second delete of it (409), as NamespaceLifecycle does", async () => {
    await control(h.standIn, "PUT", "/namespace-termination", { hold: true });
    await apply(h, profile("ws"));
    const deleted = await raw(h.standIn, "DELETE", "/api/v1/namespaces/ws");
    expect(deleted.status).toBe(200);
    expect(deleted.json.status.phase).toBe("Terminating");
    const again = await raw(h.standIn, "DELETE", "/api/v1/namespaces/ws");
    expect(again.status).toBe(409);
    expect(again.json.message).toContain("The system is ensuring all content is removed from this namespace");
    const create = await raw(h.standIn, "POST", "/api/v1/namespaces/ws/configmaps", {
      headers: { "content-type": "application/json" },
      body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "late" } },
    });
    expect(create.status).toBe(403);
    expect(create.json).toMatchObject({ reason: "Forbidden", message: 'configmaps "late" is forbidden: unable to create new content in namespace ws because it is being terminated' });
  });

  it("accepts integer quantities in a Profile (int-or-string, as the CRD) and writes them to the quota as strings", async () => {
    await apply(h, profile("ws"));
    const patched = await raw(h.standIn, "PATCH", "/apis/kubeflow.org/v1/profiles/ws?fieldManager=kubectl-patch", {
      headers: { "content-type": "application/merge-patch+json" },
      body: { spec: { resourceQuotaSpec: { hard: { pods: 20, "requests.nvidia.com/gpu": 4 } } } },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.spec.resourceQuotaSpec.hard).toMatchObject({ pods: 20, "requests.nvidia.com/gpu": 4 });
    expect((await getQuota("ws")).json.spec.hard).toMatchObject({ pods: "20", "requests.nvidia.com/gpu": "4" });
    // The foreign field manager owns what it set, beside Berth's apply.
    const managers = patched.json.metadata.managedFields.map((m: AnyJson) => `${m.manager}/${m.operation}`);
    expect(managers).toEqual(["berth/Apply", "kubectl-patch/Update"]);
    const kubectl = patched.json.metadata.managedFields.find((m: AnyJson) => m.manager === "kubectl-patch");
    expect(kubectl.fieldsV1["f:spec"]["f:resourceQuotaSpec"]["f:hard"]).toEqual({ "f:pods": {}, "f:requests.nvidia.com/gpu": {} });
  });

  it("answers a JSON patch whose test of resourceVersion fails with 422 and changes nothing; a passing one removes the key", async () => {
    await apply(h, profile("ws", { pods: "20", "requests.nvidia.com/gpu": "4" }));
    const current = await getProfile("ws");
    const path = "/apis/kubeflow.org/v1/profiles/ws?fieldManager=berth";
    const headers = { "content-type": "application/json-patch+json" };
    const remove = { op: "remove", path: "/spec/resourceQuotaSpec/hard/requests.nvidia.com~1gpu" };
    const stale = await raw(h.standIn, "PATCH", path, { headers, body: [{ op: "test", path: "/metadata/resourceVersion", value: "1" }, remove] });
    expect(stale.status).toBe(422);
    expect(stale.json).toMatchObject({ kind: "Status", reason: "Invalid", code: 422 });
    expect((await getProfile("ws")).spec.resourceQuotaSpec.hard["requests.nvidia.com/gpu"]).toBe("4");
    const fresh = await raw(h.standIn, "PATCH", path, {
      headers,
      body: [{ op: "test", path: "/metadata/resourceVersion", value: current.metadata.resourceVersion }, remove],
    });
    expect(fresh.status).toBe(200);
    expect(fresh.json.spec.resourceQuotaSpec.hard).toEqual({ pods: "20" });
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
