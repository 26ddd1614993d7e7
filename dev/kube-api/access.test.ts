// RoleBindings and AuthorizationPolicies served as a real API server does (namespaced CRUD,
// server-side apply, list by label, RBAC validation, immutable roleRef), and the profile
// controller's owner objects: namespaceAdmin and ns-owner-access-istio.
import { KubeConfig, PatchStrategy, RbacAuthorizationV1Api, setHeaderOptions } from "@kubernetes/client-node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { apiError, apply, control, profile, raw, startHarness, type AnyJson, type Harness } from "./test-support";

let h: Harness;
let rbac: RbacAuthorizationV1Api;
beforeEach(async () => {
  h = await startHarness();
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "s", server: h.standIn.url, caData: Buffer.from(h.standIn.caCertPem).toString("base64") }],
    users: [{ name: "berth", token: h.standIn.token }],
    contexts: [{ name: "s", cluster: "s", user: "berth" }],
    currentContext: "s",
  });
  rbac = kc.makeApiClient(RbacAuthorizationV1Api);
});
afterEach(async () => {
  await h.standIn.stop();
});

const AP = { group: "security.istio.io", version: "v1", plural: "authorizationpolicies" } as const;
const ssa = () => setHeaderOptions("Content-Type", PatchStrategy.ServerSideApply);

function binding(name: string, extra: AnyJson = {}): AnyJson {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: { name, namespace: "ws", labels: { "app.kubernetes.io/managed-by": "berth" }, annotations: { user: "bo@example.com", role: "edit" } },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "kubeflow-edit" },
    subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "bo@example.com" }],
    ...extra,
  };
}

describe("rolebindings and authorizationpolicies", () => {
  it("the profile controller writes namespaceAdmin and ns-owner-access-istio for the owner, owned by the Profile", async () => {
    const created = (await apply(h, profile("ws"))).data as AnyJson;
    const admin = await rbac.readNamespacedRoleBinding({ name: "namespaceAdmin", namespace: "ws" });
    expect(admin.roleRef).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "kubeflow-admin" });
    // The Profile's owner has no apiGroup; RBAC defaulting fills it in.
    expect(admin.subjects).toEqual([{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "ada@example.com" }]);
    expect(admin.metadata?.annotations).toEqual({ user: "ada@example.com", role: "admin" });
    expect(admin.metadata?.ownerReferences?.[0]?.uid).toBe(created.metadata.uid);
    const policy = (await h.custom.getNamespacedCustomObject({ ...AP, namespace: "ws", name: "ns-owner-access-istio" })) as AnyJson;
    expect(policy.spec.rules[0]).toEqual({ when: [{ key: "request.headers[kubeflow-userid]", values: ["ada@example.com"] }] });
    expect(policy.spec.rules).toHaveLength(4);
  });

  it("server-side apply creates, re-applies as a no-op, lists by label and deletes with a Status", async () => {
    await apply(h, profile("ws"));
    const first = await rbac.patchNamespacedRoleBinding({ name: "b1", namespace: "ws", body: binding("b1"), fieldManager: "berth", force: true }, ssa());
    expect(first.metadata?.managedFields?.map((m) => [m.manager, m.operation])).toEqual([["berth", "Apply"]]);
    const again = await rbac.patchNamespacedRoleBinding({ name: "b1", namespace: "ws", body: binding("b1"), fieldManager: "berth", force: true }, ssa());
    expect(again.metadata?.resourceVersion).toBe(first.metadata?.resourceVersion);

    const labelled = await rbac.listRoleBindingForAllNamespaces({ labelSelector: "app.kubernetes.io/managed-by=berth" });
    expect(labelled.items.map((b) => b.metadata?.name)).toEqual(["b1"]);
    const all = await rbac.listNamespacedRoleBinding({ namespace: "ws" });
    expect(all.items.map((b) => b.metadata?.name).sort()).toEqual(["b1", "namespaceAdmin"]);

    const gone = await raw(h.standIn, "DELETE", "/apis/rbac.authorization.k8s.io/v1/namespaces/ws/rolebindings/b1");
    expect(gone.json).toMatchObject({ kind: "Status", status: "Success", details: { name: "b1", group: "rbac.authorization.k8s.io", kind: "rolebindings" } });
    const missing = await apiError(rbac.readNamespacedRoleBinding({ name: "b1", namespace: "ws" }));
    expect(missing.code).toBe(404);
    expect(missing.body).toMatchObject({ reason: "NotFound", message: 'rolebindings.rbac.authorization.k8s.io "b1" not found' });
  });

  it("binds only roles the writer may bind: with Berth's ClusterRole, kubeflow-edit but never kubeflow-admin (THREATS 41)", async () => {
    await apply(h, profile("ws"));
    const role = parse(readFileSync(path.resolve(import.meta.dirname, "../../deploy/base/clusterrole.yaml"), "utf8")) as { rules: AnyJson[] };
    expect((await control(h.standIn, "PUT", "/rbac/full", { rules: role.rules })).status).toBe(200);
    await rbac.patchNamespacedRoleBinding({ name: "b1", namespace: "ws", body: binding("b1"), fieldManager: "berth", force: true }, ssa());
    const admin = binding("b2", { roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "kubeflow-admin" } });
    const refused = await apiError(rbac.patchNamespacedRoleBinding({ name: "b2", namespace: "ws", body: admin, fieldManager: "berth", force: true }, ssa()));
    // Without "bind" the server looks the role up to compare rules; the stand-in serves no ClusterRoles.
    expect(refused.code).toBe(404);
    expect(refused.body).toMatchObject({ reason: "NotFound", message: 'clusterroles.rbac.authorization.k8s.io "kubeflow-admin" not found' });
    expect((await apiError(rbac.createNamespacedRoleBinding({ namespace: "ws", body: admin }))).code).toBe(404);
    expect((await rbac.listNamespacedRoleBinding({ namespace: "ws" })).items.map((b) => b.metadata?.name).sort()).toEqual(["b1", "namespaceAdmin"]);
  });

  it("refuses what RBAC validation refuses: an unsupported subject kind, a missing roleRef name, a changed roleRef", async () => {
    await apply(h, profile("ws"));
    const badKind = binding("b2", { subjects: [{ kind: "Robot", name: "x" }] });
    const e1 = await apiError(rbac.createNamespacedRoleBinding({ namespace: "ws", body: badKind }));
    expect(e1.code).toBe(422);
    expect(e1.body.message).toContain('subjects[0].kind: Unsupported value: "Robot"');

    await rbac.createNamespacedRoleBinding({ namespace: "ws", body: binding("b3") });
    const changed = binding("b3", { roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "kubeflow-admin" } });
    const e2 = await apiError(rbac.patchNamespacedRoleBinding({ name: "b3", namespace: "ws", body: changed, fieldManager: "berth", force: true }, ssa()));
    expect(e2.code).toBe(422);
    expect(e2.body.message).toContain("cannot change roleRef");
  });

  it("serves AuthorizationPolicies in v1 and v1beta1, namespaced, with 405 for a create outside a namespace", async () => {
    await apply(h, profile("ws"));
    const body = { apiVersion: "security.istio.io/v1", kind: "AuthorizationPolicy", metadata: { name: "p1", namespace: "ws" }, spec: { rules: [{ when: [{ key: "request.headers[kubeflow-userid]", values: ["bo@example.com"] }] }] } };
    await h.custom.patchNamespacedCustomObject({ ...AP, namespace: "ws", name: "p1", body, fieldManager: "berth", force: true }, ssa());
    const beta = (await h.custom.getNamespacedCustomObject({ ...AP, version: "v1beta1", namespace: "ws", name: "p1" })) as AnyJson;
    expect(beta.apiVersion).toBe("security.istio.io/v1beta1");
    const listed = (await h.custom.listCustomObjectForAllNamespaces({ ...AP })) as AnyJson;
    expect(listed.items.map((p: AnyJson) => p.metadata.name).sort()).toEqual(["ns-owner-access-istio", "p1"]);
    const clusterWide = await raw(h.standIn, "POST", "/apis/security.istio.io/v1/authorizationpolicies", { body });
    expect(clusterWide.status).toBe(405);
  });

  it("deleting the Profile takes the namespace's bindings and policies with it", async () => {
    await apply(h, profile("ws"));
    await rbac.createNamespacedRoleBinding({ namespace: "ws", body: binding("b4") });
    await h.custom.deleteClusterCustomObject({ group: "kubeflow.org", version: "v1", plural: "profiles", name: "ws" });
    expect((await rbac.listNamespacedRoleBinding({ namespace: "ws" })).items).toEqual([]);
    expect(((await h.custom.listNamespacedCustomObject({ ...AP, namespace: "ws" })) as AnyJson).items).toEqual([]);
  });
});
