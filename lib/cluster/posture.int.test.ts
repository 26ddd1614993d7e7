// The posture checks against the stand-in: the dashboard's registration flag, the gateway block,
// Profiles without quota or outside Berth, missing guardrails, and Berth's own rights; failures
// audited when they start and when they recover, once each.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { db } from "@/lib/db/client";
import { callOptions, kubeClients } from "@/lib/kube/client";
import { applyProfile } from "@/lib/kube/profiles";
import { actor, approvedWorkspace, standIn, uniqueName } from "@/test/fixtures";
import type { PostureResult } from "./posture-checks";
import { checkPosture, getPosture, listFailingPosture, recordPosture } from "./posture";
import { reconcileOnce } from "./reconciler";

const by = { actor: null, context: {} };
const MERGE = { "Content-Type": "application/merge-patch+json" };
const AP = { group: "security.istio.io", version: "v1", plural: "authorizationpolicies", namespace: "istio-system" };
const check = (results: PostureResult[], id: string) => results.find((r) => r.id === id);

function setRegistrationFlow(value: string) {
  return kubeClients().core.patchNamespacedConfigMap(
    { name: "centraldashboard-parameters", namespace: "kubeflow", body: { data: { CD_REGISTRATION_FLOW: value } } },
    callOptions(MERGE),
  );
}

afterEach(async () => {
  await standIn.resetRules();
  await setRegistrationFlow("false");
  await kubeClients().customObjects.deleteNamespacedCustomObject({ ...AP, name: "block-dashboard-workgroup-create" }, callOptions()).catch(() => undefined);
});

describe("posture checks (THREATS 54)", () => {
  it("pass on the dashboard's flag as Kubeflow installs it, fail when it is turned on", async () => {
    expect(check(await checkPosture(by), "registration-flow-off")).toMatchObject({ state: "pass", detail: expect.stringContaining('REGISTRATION_FLOW="false"') });
    await setRegistrationFlow("true");
    const on = check(await checkPosture(by), "registration-flow-off");
    expect(on).toMatchObject({ state: "fail", why: expect.stringContaining("first login"), fix: expect.stringContaining("CD_REGISTRATION_FLOW") });
  });

  it("fail without the gateway block and pass once the shipped example is applied", async () => {
    expect(check(await checkPosture(by), "registration-route-blocked")?.state).toBe("fail");
    const example = parse(readFileSync(path.resolve(import.meta.dirname, "../../deploy/examples/block-dashboard-registration.example.yaml"), "utf8")) as {
      apiVersion: string;
      metadata: { namespace: string };
    };
    await kubeClients().customObjects.createNamespacedCustomObject({ ...AP, version: example.apiVersion.split("/")[1] ?? "v1", body: example }, callOptions());
    expect(check(await checkPosture(by), "registration-route-blocked")).toMatchObject({ state: "pass", detail: expect.stringContaining("block-dashboard-workgroup-create") });
  });

  it("name a Profile created directly through the API, and one without quota", async () => {
    const name = uniqueName("direct");
    await applyProfile({ apiVersion: "kubeflow.org/v1", kind: "Profile", metadata: { name, labels: {}, annotations: {} }, spec: { owner: { kind: "User", name: "eve@example.com" }, resourceQuotaSpec: { hard: {} } } });
    const results = await checkPosture(by);
    expect(check(results, "profiles-managed")).toMatchObject({ state: "fail" });
    expect(check(results, "profiles-managed")?.detail).toContain(name);
    expect(check(results, "profiles-have-quota")?.detail).toContain(name);
  });

  it("name a workspace whose guardrail was removed", async () => {
    const { name } = await approvedWorkspace();
    await kubeClients().networking.deleteNamespacedNetworkPolicy({ name: "berth-egress", namespace: name }, callOptions());
    const guard = check(await checkPosture(by), "workspace-guardrails");
    expect(guard?.state).toBe("fail");
    expect(guard?.detail).toContain(`${name}: NetworkPolicy berth-egress missing`);
  });

  it("fail when Berth's ServiceAccount holds more than its ClusterRole, pass with exactly it, unknown when the review is refused", async () => {
    expect(check(await checkPosture(by), "service-account-rules")).toMatchObject({ state: "fail", detail: expect.stringContaining("* on */*") });
    const role = parse(readFileSync(path.resolve(import.meta.dirname, "../../deploy/base/clusterrole.yaml"), "utf8")) as { rules: never[] };
    await standIn.setRules(role.rules);
    expect(check(await checkPosture(by), "service-account-rules")?.state).toBe("pass");
    await standIn.setRules([...role.rules, { verbs: ["get"], apiGroups: [""], resources: ["secrets"] }]);
    expect(check(await checkPosture(by), "service-account-rules")?.detail).toContain("get on core/secrets");
    await standIn.injectFault({ pathPrefix: "/apis/authorization.k8s.io", count: 1, status: 403 });
    expect(check(await checkPosture(by), "service-account-rules")?.state).toBe("unknown");
  });

  it("are unknown, never an error, when the cluster cannot be read", async () => {
    await standIn.injectFault({ count: 20, mode: "reset" });
    const results = await checkPosture(by);
    expect(results.map((r) => r.state)).toEqual(["unknown", "unknown", "unknown", "unknown", "unknown", "unknown"]);
    await standIn.clearFaults();
  });
});

describe("posture transitions", () => {
  const result = (state: PostureResult["state"]): PostureResult => ({
    id: "registration-flow-off",
    title: "t",
    state,
    detail: `detail ${state}`,
    why: "w",
    fix: "f",
  });
  const events = () => db.auditEvent.findMany({ where: { targetType: "posture", targetName: "registration-flow-off" }, orderBy: { seq: "asc" } });

  it("audit a failure when it starts and when it recovers, once each; unknown changes nothing; admins see the failing ones", async () => {
    await recordPosture(by, [result("pass")]);
    const start = (await events()).length;
    await recordPosture(by, [result("fail")]);
    await recordPosture(by, [result("fail")]);
    await recordPosture(by, [result("unknown")]);
    const admin = await actor(`grace.posture.${uniqueName()}@example.com`, ["requester", "admin"]);
    expect((await listFailingPosture(admin, {})).map((c) => c.id)).toContain("registration-flow-off");
    await recordPosture(by, [result("pass")]);
    const after = (await events()).slice(start);
    expect(after.map((e) => e.action)).toEqual(["cluster.posture_failed", "cluster.posture_recovered"]);
    expect(after[0]?.after).toMatchObject({ state: "fail", detail: "detail fail" });
    expect((await listFailingPosture(admin, {})).map((c) => c.id)).not.toContain("registration-flow-off");
  });

  it("are checked by every reconciler pass", async () => {
    await setRegistrationFlow("true");
    expect((await reconcileOnce()).postureFailing).toContain("registration-flow-off");
  });

  it("are for admins only (THREATS 2)", async () => {
    const ada = await actor(`ada.posture.${uniqueName()}@example.com`);
    await expect(getPosture(ada, {})).rejects.toThrow();
    await expect(listFailingPosture(ada, {})).rejects.toThrow();
  });
});
