// Guardrails in the namespace: applied with the Profile, kept while suspended, drift on them
// detected and audited once, and repaired by a re-apply. Also: the ClusterRole Berth ships is
// enough for all of it (the stand-in enforces exactly its rules).
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { db } from "@/lib/db/client";
import { callOptions, kubeClients } from "@/lib/kube/client";
import { approveWorkspace } from "@/lib/workspaces/decide";
import { reapplyWorkspace, suspendWorkspace } from "@/lib/workspaces/lifecycle";
import { requestWorkspace } from "@/lib/workspaces/request";
import { actor, confirmByReconciler, standIn, testTier, uniqueName } from "@/test/fixtures";
import { reconcileOnce } from "./reconciler";
import { scanCluster } from "./scan";

const by = { actor: null, context: {} };
const MERGE = { "Content-Type": "application/merge-patch+json" };

async function restrictedWorkspace() {
  const tier = await testTier({
    podSecurity: "restricted",
    egressAllow: [{ cidr: "203.0.113.0/24", ports: [{ port: 443, protocol: "TCP" }] }],
    containerDefaults: { defaultRequest: { cpu: "100m" }, default: { cpu: "1" } },
  });
  const name = uniqueName("guard");
  const ada = await actor(`ada.${name}@example.com`);
  const admin = await actor(`grace.${name}@example.com`, ["requester", "admin"]);
  const { id } = await requestWorkspace(ada, { name, tier, reason: "guardrails" });
  await approveWorkspace(admin, { workspaceId: id });
  // The reconciler confirms what the approval applied, guardrails included.
  await confirmByReconciler(name);
  const outcome = await db.workspace.findUniqueOrThrow({ where: { id }, select: { status: true } });
  return { id, name, admin, outcome };
}

const readNamespace = (name: string) => kubeClients().core.readNamespace({ name }, callOptions());
const readPolicy = (namespace: string) => kubeClients().networking.readNamespacedNetworkPolicy({ name: "berth-egress", namespace }, callOptions());
const driftEvents = (id: string) =>
  db.auditEvent.findMany({ where: { targetId: id, action: { startsWith: "cluster.drift" } }, orderBy: { seq: "asc" } });

beforeEach(() => standIn.clearFaults());
afterEach(async () => {
  await standIn.resetRules();
  await standIn.clearFaults();
});

describe("guardrails applied with the Profile (THREATS 50, THREATS 51)", () => {
  it("label the namespace restricted beside the profile controller's labels and deny egress but DNS, Kubeflow and the allowlist", async () => {
    const { name, outcome } = await restrictedWorkspace();
    expect(outcome.status).toBe("ACTIVE");
    const ns = await readNamespace(name);
    expect(ns.metadata?.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/warn": "restricted",
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/enforce-version": "latest",
      "istio-injection": "enabled",
      "app.kubernetes.io/part-of": "kubeflow-profile",
    });
    expect(ns.metadata?.managedFields?.map((m) => `${m.manager}/${m.operation}`).sort()).toEqual(["berth/Apply", "manager/Update"]);
    const policy = await readPolicy(name);
    expect(policy.spec?.policyTypes).toEqual(["Egress"]);
    const cidrs = (policy.spec?.egress ?? []).flatMap((e) => (e.to ?? []).map((t) => t.ipBlock?.cidr)).filter(Boolean);
    expect(cidrs).toEqual(["203.0.113.0/24"]);
    const namespaces = policy.spec?.egress?.flatMap((e) => e.to ?? []).flatMap((t) => t.namespaceSelector?.matchExpressions?.[0]?.values ?? []);
    expect(namespaces).toEqual(["istio-system", "knative-serving", "kubeflow"]);
  });

  it("stay on a suspended workspace", async () => {
    const { id, name, admin } = await restrictedWorkspace();
    const { version } = await db.workspace.findUniqueOrThrow({ where: { id }, select: { version: true } });
    expect((await suspendWorkspace(admin, { workspaceId: id, version, reason: "paused" })).status).toBe("SUSPENDED");
    expect((await readNamespace(name)).metadata?.labels?.["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    expect((await readPolicy(name)).metadata?.name).toBe("berth-egress");
    expect((await scanCluster(by)).drifted.find((d) => d.id === id)).toBeUndefined();
  });
});

describe("guardrail drift (THREATS 52)", () => {
  it("a removed label and an opened policy are detected, audited once over many passes, and repaired by re-apply", async () => {
    const { id, name, admin } = await restrictedWorkspace();
    await kubeClients().core.patchNamespace(
      { name, body: { metadata: { labels: { "pod-security.kubernetes.io/enforce": null } } } },
      callOptions(MERGE),
    );
    await kubeClients().networking.patchNamespacedNetworkPolicy(
      { name: "berth-egress", namespace: name, body: { spec: { egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }] } } },
      callOptions(MERGE),
    );
    for (let i = 0; i < 3; i++) await reconcileOnce();
    const drift = (await scanCluster(by)).drifted.find((d) => d.id === id);
    expect(drift?.kinds).toEqual(["pod_security_differs", "egress_policy_edited"]);
    expect(drift?.observed.podSecurityLabels).not.toHaveProperty("pod-security.kubernetes.io/enforce");
    expect((await driftEvents(id)).map((e) => e.action)).toEqual(["cluster.drift_detected"]);

    await reapplyWorkspace(admin, { workspaceId: id });
    expect((await readNamespace(name)).metadata?.labels?.["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    expect((await readPolicy(name)).spec?.egress?.some((e) => e.to?.some((t) => t.ipBlock?.cidr === "0.0.0.0/0"))).toBe(false);
    await reconcileOnce();
    await reconcileOnce();
    expect((await driftEvents(id)).map((e) => e.action)).toEqual(["cluster.drift_detected", "cluster.drift_resolved"]);
  });

  it("a deleted policy and LimitRange are named", async () => {
    const { id, name } = await restrictedWorkspace();
    await kubeClients().networking.deleteNamespacedNetworkPolicy({ name: "berth-egress", namespace: name }, callOptions());
    await kubeClients().core.deleteNamespacedLimitRange({ name: "berth-defaults", namespace: name }, callOptions());
    expect((await scanCluster(by)).drifted.find((d) => d.id === id)?.kinds).toEqual(["egress_policy_missing", "limit_range_missing"]);
  });
});

describe("the shipped ClusterRole", () => {
  it("is enough to provision a workspace with all its guardrails and to scan for drift", async () => {
    const role = parse(readFileSync(path.resolve(import.meta.dirname, "../../deploy/base/clusterrole.yaml"), "utf8")) as { rules: never[] };
    await standIn.setRules(role.rules);
    const { id, outcome } = await restrictedWorkspace();
    expect(outcome.status).toBe("ACTIVE");
    expect((await scanCluster(by)).drifted.find((d) => d.id === id)).toBeUndefined();
  });
});
