// The contributor objects' names and shapes, checked against KFAM's own table
// (kubeflow/dashboard components/access-management/kfam/bindings_test.go TestGetBindingName).
import { describe, expect, it } from "vitest";
import { buildAuthorizationPolicy } from "./authorization-policies";
import { buildRoleBinding, contributorObjectName } from "./role-bindings";

const settings = {
  userIdHeader: "kubeflow-userid",
  userIdPrefix: "",
  groupsHeader: "kubeflow-groups",
  groupsPrefix: "",
  gatewayPrincipals: ["cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account", "cluster.local/ns/kubeflow/sa/ml-pipeline-ui"],
};

describe("contributor object names (KFAM's getBindingName)", () => {
  it.each([
    ["lalith.vaka@zq.msds.kp.org", "user-lalith-vaka-zq-msds-kp-org-clusterrole-edit"],
    ["397401@zq.msds.kp.org", "user-397401-zq-msds-kp-org-clusterrole-edit"],
    ["lalith.397401@zq.msds.kp.org", "user-lalith-397401-zq-msds-kp-org-clusterrole-edit"],
    ["397401.vaka@zq.msds.kp.org", "user-397401-vaka-zq-msds-kp-org-clusterrole-edit"],
    ["i397401@zq.msds.kp.org", "user-i397401-zq-msds-kp-org-clusterrole-edit"],
    // Capitals are kept through the first replacement and lower-cased after, so case never changes the name.
    ["Ada.Lovelace+ml@Example.COM", "user-ada-lovelace-ml-example-com-clusterrole-edit"],
  ])("%s → %s", (email, name) => {
    expect(contributorObjectName({ kind: "User", name: email }, "edit")).toBe(name);
  });

  it("names a group and a viewer the same way", () => {
    expect(contributorObjectName({ kind: "Group", name: "team:ml_ops" }, "view")).toBe("group-team-ml-ops-clusterrole-view");
  });
});

describe("buildRoleBinding / buildAuthorizationPolicy", () => {
  const intent = { namespace: "ws-a", subject: { kind: "User" as const, name: "bo@example.com" }, role: "view" as const, grantId: "g-1" };

  it("binds kubeflow-view with KFAM's annotations, plus Berth's labels", () => {
    expect(buildRoleBinding(intent)).toEqual({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: {
        name: "user-bo-example-com-clusterrole-view",
        namespace: "ws-a",
        labels: { "app.kubernetes.io/managed-by": "berth", "berth.io/access-grant-id": "g-1" },
        annotations: { user: "bo@example.com", role: "view" },
      },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "kubeflow-view" },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "bo@example.com" }],
    });
  });

  it("never binds anything but kubeflow-edit or kubeflow-view (THREATS 42)", () => {
    expect(() => buildRoleBinding({ ...intent, role: "admin" as never })).toThrow(/refusing to bind/);
  });

  it("admits the user's identity header through the gateway's principals, as KFAM's rule does", () => {
    const policy = buildAuthorizationPolicy(intent, { ...settings, userIdPrefix: "accounts.google.com:" });
    expect(policy.metadata.name).toBe("user-bo-example-com-clusterrole-view");
    expect(policy.metadata.annotations).toEqual({ user: "bo@example.com", role: "view" });
    expect(policy.spec.rules).toEqual([
      {
        when: [{ key: "request.headers[kubeflow-userid]", values: ["accounts.google.com:bo@example.com"] }],
        from: [{ source: { principals: settings.gatewayPrincipals } }],
      },
    ]);
  });

  it("a group grant binds a Group subject and matches the configured groups header", () => {
    const group = { ...intent, subject: { kind: "Group" as const, name: "ml-team" }, role: "edit" as const };
    expect(buildRoleBinding(group).subjects).toEqual([{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "ml-team" }]);
    expect(buildRoleBinding(group).metadata.annotations).toEqual({ group: "ml-team", role: "edit" });
    expect(buildAuthorizationPolicy(group, { ...settings, groupsHeader: "x-groups" }).spec.rules[0]?.when).toEqual([
      { key: "request.headers[x-groups]", values: ["ml-team"] },
    ]);
  });
});
