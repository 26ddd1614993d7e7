// The kustomize base renders to exactly the objects Berth needs, with a least-privilege role and a
// locked-down pod. Rendered by kubectl when it is installed, else assembled from the resources list.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments, parse } from "yaml";
import { BERTH_CLUSTER_ROLE_RULES } from "../lib/cluster/posture-rules";
import { informedResources } from "../lib/kube/cluster-cache";
import { metrics } from "../lib/telemetry/metrics";

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  [key: string]: unknown;
}

const DIR = path.resolve(import.meta.dirname);

function render(): K8sObject[] {
  const kubectl = ["/usr/bin/kubectl", "/usr/local/bin/kubectl"].find((p) => existsSync(p));
  const text = kubectl
    ? execFileSync(kubectl, ["kustomize", DIR], { encoding: "utf8" })
    : (parse(readFileSync(path.join(DIR, "kustomization.yaml"), "utf8")) as { resources: string[] }).resources
        .map((file) => readFileSync(path.join(DIR, file), "utf8"))
        .join("\n---\n");
  return parseAllDocuments(text).map((doc) => doc.toJS() as K8sObject).filter(Boolean);
}

const objects = render();
const byKind = (kind: string) => objects.filter((o) => o.kind === kind);

describe("deploy/ kustomize base", () => {
  it("renders the objects Berth runs with, and no others", () => {
    expect(objects.map((o) => o.kind).sort()).toEqual(
      [
        "ClusterRole",
        "ClusterRoleBinding",
        "ConfigMap",
        "Deployment",
        "Namespace",
        "Service",
        "ServiceAccount",
        "ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicyBinding",
        "ValidatingAdmissionPolicyBinding",
      ].sort(),
    );
  });

  it("grants exactly the verbs Berth uses, the rules its posture check expects: no wildcards, no secrets, deletes only Profiles and contributor objects, bind only the contributor roles", () => {
    const [role] = byKind("ClusterRole") as (K8sObject & { rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[] })[];
    expect(role?.rules).toEqual(BERTH_CLUSTER_ROLE_RULES);
    expect(role?.rules.find((r) => r.resources.includes("namespaces") && r.verbs.includes("patch"))?.verbs).toEqual(["patch"]);
    expect(role?.rules.flatMap((r) => r.resources)).not.toContain("secrets");
    // THREATS 41: besides Profiles, Berth deletes only the contributor objects it made.
    expect(role?.rules.filter((r) => r.verbs.includes("delete")).flatMap((r) => r.resources).sort()).toEqual(["authorizationpolicies", "profiles", "rolebindings"]);
    expect(role?.rules.filter((r) => r.verbs.includes("create")).flatMap((r) => r.resources).sort()).toEqual([
      "authorizationpolicies",
      "limitranges",
      "networkpolicies",
      "profiles",
      "rolebindings",
    ]);
    // The reconciler's informers list and watch each kind they follow; a real cluster refuses a watch the role lacks.
    for (const { group, resource } of informedResources()) {
      const rule = role?.rules.find((r) => r.apiGroups.includes(group) && r.resources.includes(resource) && r.verbs.includes("watch"));
      expect(rule?.verbs, `${group}/${resource}`).toEqual(expect.arrayContaining(["list", "watch"]));
    }
    // THREATS 41: "bind" only on the two contributor ClusterRoles, never kubeflow-admin or any other.
    expect(role?.rules.filter((r) => r.verbs.includes("bind"))).toEqual([
      { apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], resourceNames: ["kubeflow-edit", "kubeflow-view"], verbs: ["bind"] },
    ]);
    expect(JSON.stringify(role)).not.toContain('"*"');
    const [binding] = byKind("ClusterRoleBinding") as (K8sObject & { roleRef: { name: string }; subjects: { kind: string; name: string }[] })[];
    expect(binding?.roleRef.name).toBe("berth");
    expect(binding?.subjects).toEqual([expect.objectContaining({ kind: "ServiceAccount", name: "berth" })]);
  });

  it("runs two non-root replicas on a read-only root filesystem, probed on /api/healthz and /api/readyz", () => {
    const [deployment] = byKind("Deployment") as (K8sObject & { spec: Record<string, never> })[];
    const spec = deployment!.spec as unknown as {
      replicas: number;
      template: { spec: { serviceAccountName: string; securityContext: { runAsNonRoot: boolean }; initContainers: Container[]; containers: Container[] } };
    };
    interface Container {
      name: string;
      securityContext: { runAsNonRoot: boolean; readOnlyRootFilesystem: boolean; allowPrivilegeEscalation: boolean; capabilities: { drop: string[] } };
      readinessProbe?: { httpGet: { path: string } };
      livenessProbe?: { httpGet: { path: string } };
    }
    expect(spec.replicas).toBe(2);
    expect(spec.template.spec.serviceAccountName).toBe("berth");
    expect(spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    for (const c of [...spec.template.spec.initContainers, ...spec.template.spec.containers]) {
      expect(c.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
    }
    const [app] = spec.template.spec.containers;
    expect(app?.readinessProbe?.httpGet.path).toBe("/api/readyz");
    expect(app?.livenessProbe?.httpGet.path).toBe("/api/healthz");
  });

  it("keeps secrets out of the base: the Secret is only an example", () => {
    expect(byKind("Secret")).toHaveLength(0);
    expect(existsSync(path.join(DIR, "examples/secret.example.yaml"))).toBe(true);
  });

  it("ships the gateway examples: Dex client, VirtualService, and the block on the dashboard's registration route", () => {
    const block = parse(readFileSync(path.join(DIR, "examples/block-dashboard-registration.example.yaml"), "utf8")) as {
      spec: { action: string; rules: { to: { operation: { paths: string[] } }[] }[] };
    };
    expect(block.spec.action).toBe("DENY");
    expect(block.spec.rules[0]?.to[0]?.operation.paths).toContain("/api/workgroup/create");
    expect(existsSync(path.join(DIR, "examples/dex-static-client.example.yaml"))).toBe(true);
    expect(existsSync(path.join(DIR, "examples/virtualservice.example.yaml"))).toBe(true);
  });
});

describe("deploy/monitoring (Prometheus Operator)", () => {
  const read = (file: string) => parse(readFileSync(path.join(DIR, "monitoring", file), "utf8")) as Record<string, unknown>;

  it("adds a ServiceMonitor scraping the Service's port at /api/metrics with the bearer token Secret, on top of the base", () => {
    const kustomization = read("kustomization.yaml") as { resources: string[] };
    expect(kustomization.resources).toEqual(["../", "servicemonitor.yaml", "prometheusrule.yaml"]);
    const monitor = read("servicemonitor.yaml") as { kind: string; spec: { endpoints: { port: string; path: string; authorization: { type: string; credentials: { name: string; key: string } } }[] } };
    expect(monitor.kind).toBe("ServiceMonitor");
    const service = byKind("Service")[0] as unknown as { spec: { ports: { name: string }[] } };
    expect(service.spec.ports.map((p) => p.name)).toContain(monitor.spec.endpoints[0]?.port);
    expect(monitor.spec.endpoints[0]).toMatchObject({ path: "/api/metrics", authorization: { type: "Bearer", credentials: { name: "berth-metrics", key: "token" } } });
    const container = (byKind("Deployment")[0] as unknown as { spec: { template: { spec: { containers: { env: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[] }[] } } } })
      .spec.template.spec.containers[0]!;
    expect(container.env.find((e) => e.name === "BERTH_METRICS_TOKEN")?.valueFrom?.secretKeyRef).toMatchObject({ name: "berth-metrics", key: "token" });
  });

  it("alerts on a stuck reconciler, apply errors, drift and the notification backlog, using only metrics Berth exports", async () => {
    const rule = read("prometheusrule.yaml") as { kind: string; spec: { groups: { rules: { alert: string; expr: string }[] }[] } };
    expect(rule.kind).toBe("PrometheusRule");
    const rules = rule.spec.groups.flatMap((group) => group.rules);
    expect(rules.map((r) => r.alert)).toEqual(expect.arrayContaining(["BerthReconcilerStuck", "BerthApplyErrors", "BerthDrift", "BerthNotificationBacklog"]));
    const exported = new Set((await metrics().registry.getMetricsAsJSON()).map((m) => m.name));
    for (const { alert, expr } of rules) {
      for (const name of expr.match(/\bberth_[a-z_]+/g) ?? []) expect(exported.has(name), `${alert} uses ${name}`).toBe(true);
    }
  });
});

interface Policy extends K8sObject {
  spec: {
    failurePolicy: string;
    matchConstraints: { resourceRules: { apiGroups: string[]; resources: string[]; operations: string[] }[] };
    matchConditions: { name: string; expression: string }[];
    variables?: { name: string; expression: string }[];
    validations: { expression: string; message: string; reason: string }[];
  };
}

/** CEL as far as it can be checked without a CEL engine: brackets and quotes balance. */
function balanced(expression: string): boolean {
  const pairs: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
  const stack: string[] = [];
  let quote: string | null = null;
  for (const ch of expression) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if ("([{".includes(ch)) stack.push(ch);
    else if (ch in pairs && stack.pop() !== pairs[ch]) return false;
  }
  return stack.length === 0 && quote === null;
}

describe("ValidatingAdmissionPolicies (THREATS 56)", () => {
  const policies = byKind("ValidatingAdmissionPolicy") as Policy[];
  const bindings = byKind("ValidatingAdmissionPolicyBinding") as (K8sObject & { spec: { policyName: string; validationActions: string[] } })[];
  const [sa] = byKind("ServiceAccount");
  const username = `system:serviceaccount:${sa?.metadata.namespace}:${sa?.metadata.name}`;
  const byName = (name: string) => policies.find((p) => p.metadata.name === name)!;

  it("are GA (admissionregistration.k8s.io/v1), fail closed, apply to Berth's ServiceAccount only, and are each bound to deny", () => {
    expect(policies).toHaveLength(2);
    for (const policy of policies) {
      expect(policy.apiVersion).toBe("admissionregistration.k8s.io/v1");
      expect(policy.spec.failurePolicy).toBe("Fail");
      expect(policy.spec.matchConditions).toEqual([{ name: "only-berth", expression: `request.userInfo.username == '${username}'` }]);
      expect(bindings.find((b) => b.spec.policyName === policy.metadata.name)?.spec.validationActions).toEqual(["Deny"]);
      for (const cel of [...policy.spec.validations.map((v) => v.expression), ...(policy.spec.variables ?? []).map((v) => v.expression)]) {
        expect(balanced(cel), cel).toBe(true);
      }
      for (const v of policy.spec.validations) expect(v).toMatchObject({ message: expect.any(String), reason: "Forbidden" });
    }
    for (const binding of bindings) expect(binding.apiVersion).toBe("admissionregistration.k8s.io/v1");
  });

  it("confine writes of LimitRanges, NetworkPolicies, RoleBindings and AuthorizationPolicies to Profile namespaces, never platform ones", () => {
    const policy = byName("berth-writes-in-profile-namespaces");
    const kinds = policy.spec.matchConstraints.resourceRules.map((r) => `${r.apiGroups[0]}/${r.resources.join()}`);
    expect(kinds).toEqual(["/limitranges", "networking.k8s.io/networkpolicies", "rbac.authorization.k8s.io/rolebindings", "security.istio.io/authorizationpolicies"]);
    for (const rule of policy.spec.matchConstraints.resourceRules) expect(rule.operations).toEqual(["CREATE", "UPDATE", "DELETE"]);
    const [platform, profile] = policy.spec.validations;
    for (const ns of ["kube-system", "kube-public", "default", "kubeflow", "istio-system", "berth"]) expect(platform?.expression).toContain(`'${ns}'`);
    expect(profile?.expression).toContain("namespaceObject.metadata.ownerReferences.exists(");
    expect(profile?.expression).toMatch(/r\.kind == 'Profile' && r\.name == namespaceObject\.metadata\.name/);
  });

  it("let Berth change nothing of a namespace but its Pod Security labels, and never create or delete one", () => {
    const policy = byName("berth-namespace-labels-only");
    expect(policy.spec.matchConstraints.resourceRules).toEqual([
      { apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE", "UPDATE", "DELETE"], resources: ["namespaces"] },
    ]);
    const expressions = policy.spec.validations.map((v) => v.expression);
    expect(expressions[0]).toBe("request.operation == 'UPDATE'");
    expect(expressions[1]).toContain("r.kind == 'Profile'");
    expect(expressions[2]).toContain("startsWith('pod-security.kubernetes.io/')");
    expect(expressions[3]).toContain("object.metadata.ownerReferences == oldObject.metadata.ownerReferences");
  });
});

describe("Dockerfile", () => {
  it("builds the standalone output and runs it as a non-root user", () => {
    const text = readFileSync(path.resolve(DIR, "../Dockerfile"), "utf8");
    expect(text).toMatch(/BERTH_STANDALONE=1/);
    expect(text).toMatch(/^USER 65532/m);
    expect(text).toMatch(/migrate\.mjs/);
  });
});
