// What Berth's guardrails, capacity and posture checks need from the stand-in: namespace labels by
// server-side apply next to the profile controller's, Pod Security label validation, NetworkPolicies,
// nodes with allocatable, the dashboard's Deployment, and SelfSubjectRulesReviews from the RBAC model.
import { NetworkingV1Api, AuthorizationV1Api, AppsV1Api } from "@kubernetes/client-node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { apiError, apply, applyOptions, clientsFor, control, profile, raw, startHarness, type AnyJson, type Harness } from "./test-support";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.standIn.stop();
});

const psa = (level: string) => ({
  "pod-security.kubernetes.io/enforce": level,
  "pod-security.kubernetes.io/enforce-version": "latest",
});

function applyLabels(name: string, labels: Record<string, string>, fieldManager = "berth") {
  return h.core.patchNamespace({ name, body: { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } }, fieldManager, force: true }, applyOptions());
}

describe("namespace labels by server-side apply", () => {
  it("adds Berth's labels beside the profile controller's, each manager owning its own (THREATS 50)", async () => {
    await apply(h, profile("team-a"));
    const ns = (await applyLabels("team-a", psa("restricted"))) as AnyJson;
    expect(ns.metadata.labels).toMatchObject({ "istio-injection": "enabled", "app.kubernetes.io/part-of": "kubeflow-profile", ...psa("restricted") });
    const berth = ns.metadata.managedFields.find((m: AnyJson) => m.manager === "berth");
    expect(berth.operation).toBe("Apply");
    expect(Object.keys(berth.fieldsV1["f:metadata"]["f:labels"]).sort()).toEqual([
      "f:pod-security.kubernetes.io/enforce",
      "f:pod-security.kubernetes.io/enforce-version",
    ]);
    expect(ns.metadata.managedFields.map((m: AnyJson) => m.manager)).toContain("manager");
    // The profile controller re-syncing its labels leaves Berth's alone.
    await apply(h, profile("team-a", { pods: "3" }));
    expect((await h.core.readNamespace({ name: "team-a" })).metadata?.labels).toMatchObject(psa("restricted"));
  });

  it("refuses a Pod Security level or version that does not exist, as the PodSecurity admission plugin does", async () => {
    await apply(h, profile("team-b"));
    const err = await apiError(applyLabels("team-b", { "pod-security.kubernetes.io/enforce": "strict" }));
    expect(err.code).toBe(422);
    expect(err.body).toMatchObject({
      reason: "Invalid",
      message: 'Namespace "team-b" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted',
      details: { causes: [{ reason: "FieldValueInvalid", field: "metadata.labels[pod-security.kubernetes.io/enforce]" }] },
    });
    const version = await apiError(applyLabels("team-b", { "pod-security.kubernetes.io/warn-version": "1.30" }));
    expect(version.body.message).toContain('must be "latest" or "v1.x"');
    expect((await h.core.readNamespace({ name: "team-b" })).metadata?.labels?.["pod-security.kubernetes.io/enforce"]).toBeUndefined();
  });
});

describe("networkpolicies", () => {
  it("are applied, listed across namespaces by name, and deleted with their namespace", async () => {
    const { kc } = clientsFor(h.standIn, h.standIn.token);
    const net = kc.makeApiClient(NetworkingV1Api);
    await apply(h, profile("team-c"));
    const body = {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "berth-egress", namespace: "team-c" },
      spec: { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "10.0.0.0/8" } }], ports: [{ protocol: "TCP", port: 443 }] }] },
    };
    const created = await net.patchNamespacedNetworkPolicyWithHttpInfo({ name: "berth-egress", namespace: "team-c", body, fieldManager: "berth", force: true }, applyOptions());
    expect(created.httpStatusCode).toBe(201);
    const list = await net.listNetworkPolicyForAllNamespaces({ fieldSelector: "metadata.name=berth-egress" });
    expect(list.items.map((p) => [p.metadata?.namespace, p.spec?.egress?.[0]?.to?.[0]?.ipBlock?.cidr])).toEqual([["team-c", "10.0.0.0/8"]]);
    await h.core.deleteNamespace({ name: "team-c" });
    expect((await net.listNetworkPolicyForAllNamespaces({})).items).toEqual([]);
  });
});

describe("nodes", () => {
  it("are seeded with allocatable resources, readable with the read-only token, and replaced through the control API", async () => {
    const nodes = await h.readOnly.core.listNode();
    expect(nodes.items.map((n) => n.metadata?.name)).toEqual(["cpu-node-1", "cpu-node-2", "gpu-node-1"]);
    expect(nodes.items[2]?.status?.allocatable).toMatchObject({ cpu: "32", memory: "128Gi", "nvidia.com/gpu": "4" });
    const set = await control(h.standIn, "PUT", "/nodes", [{ name: "big", allocatable: { cpu: "64000m", "nvidia.com/gpu": "8" }, unschedulable: true }]);
    expect(set.status).toBe(200);
    const [big] = (await h.core.listNode()).items;
    expect(big?.status?.allocatable).toEqual({ cpu: "64", "nvidia.com/gpu": "8" });
    expect(big?.spec?.unschedulable).toBe(true);
    expect((await control(h.standIn, "PUT", "/nodes", [{ name: "Bad Name", allocatable: {} }])).status).toBe(400);
  });
});

describe("the central dashboard", () => {
  it("is installed as Kubeflow's manifests do: REGISTRATION_FLOW read from its ConfigMap, off", async () => {
    const { kc } = clientsFor(h.standIn, h.standIn.readOnlyToken);
    const deployment = await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: "centraldashboard", namespace: "kubeflow" });
    const env = deployment.spec?.template.spec?.containers[0]?.env?.find((e) => e.name === "REGISTRATION_FLOW");
    expect(env?.valueFrom?.configMapKeyRef).toMatchObject({ name: "centraldashboard-parameters", key: "CD_REGISTRATION_FLOW" });
    const map = await h.readOnly.core.readNamespacedConfigMap({ name: "centraldashboard-parameters", namespace: "kubeflow" });
    expect(map.data).toEqual({ CD_REGISTRATION_FLOW: "false" });
  });
});

describe("selfsubjectrulesreviews and the RBAC model", () => {
  const review = (token: string, namespace = "team-a") =>
    clientsFor(h.standIn, token).kc.makeApiClient(AuthorizationV1Api).createSelfSubjectRulesReviewWithHttpInfo({
      body: { apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectRulesReview", spec: { namespace } },
    });

  it("answers 201 with the caller's rules plus what every authenticated user holds", async () => {
    const full = await review(h.standIn.token);
    expect(full.httpStatusCode).toBe(201);
    expect(full.data.status?.resourceRules[0]).toMatchObject({ verbs: ["*"], apiGroups: ["*"], resources: ["*"] });
    expect(full.data.status?.resourceRules.some((r) => r.resources?.includes("selfsubjectrulesreviews"))).toBe(true);
    const readOnly = await review(h.standIn.readOnlyToken);
    expect(readOnly.data.status?.resourceRules[0]).toMatchObject({ verbs: ["get", "list", "watch"] });
  });

  it("answers 400 without a namespace", async () => {
    const res = await raw(h.standIn, "POST", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", {
      headers: { "Content-Type": "application/json" },
      body: { apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectRulesReview", spec: {} },
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ kind: "Status", reason: "BadRequest", message: "no namespace on request" });
  });

  it("enforces replaced rules (resource names included) and lists them in the review; DELETE restores the defaults", async () => {
    const rules = [
      { verbs: ["get", "list"], apiGroups: [""], resources: ["namespaces"] },
      { verbs: ["get"], apiGroups: ["apps"], resources: ["deployments"], resourceNames: ["centraldashboard"] },
    ];
    expect((await control(h.standIn, "PUT", "/rbac/full", { rules })).status).toBe(200);
    await h.core.listNamespace();
    const denied = await apiError(h.core.listNode());
    expect(denied.code).toBe(403);
    expect(denied.body.message).toBe('nodes is forbidden: User "system:serviceaccount:berth:berth" cannot list resource "nodes" in API group "" at the cluster scope');
    const apps = clientsFor(h.standIn, h.standIn.token).kc.makeApiClient(AppsV1Api);
    await apps.readNamespacedDeployment({ name: "centraldashboard", namespace: "kubeflow" });
    expect((await apiError(apps.readNamespacedDeployment({ name: "other", namespace: "kubeflow" }))).code).toBe(403);
    const listed = await review(h.standIn.token);
    expect(listed.data.status?.resourceRules.slice(0, 2)).toEqual([
      { verbs: ["get", "list"], apiGroups: [""], resources: ["namespaces"] },
      { verbs: ["get"], apiGroups: ["apps"], resources: ["deployments"], resourceNames: ["centraldashboard"] },
    ]);
    await control(h.standIn, "DELETE", "/rbac");
    await h.core.listNode();
  });
});
