// The kustomize base renders to exactly the objects Berth needs, with a least-privilege role and a
// locked-down pod. Rendered by kubectl when it is installed, else assembled from the resources list.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments, parse } from "yaml";

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
      ["ClusterRole", "ClusterRoleBinding", "ConfigMap", "Deployment", "Namespace", "Service", "ServiceAccount"].sort(),
    );
  });

  it("grants exactly the verbs Berth uses: no wildcards, only reads on namespaces and quotas", () => {
    const [role] = byKind("ClusterRole") as (K8sObject & { rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[] })[];
    expect(role?.rules).toEqual([
      { apiGroups: ["kubeflow.org"], resources: ["profiles"], verbs: ["get", "list", "watch", "create", "patch", "delete"] },
      { apiGroups: [""], resources: ["namespaces", "resourcequotas"], verbs: ["get", "list", "watch"] },
      { apiGroups: [""], resources: ["limitranges"], verbs: ["create", "patch"] },
      // THREATS 41: contributor objects only, and "bind" limited to the two contributor ClusterRoles.
      { apiGroups: ["rbac.authorization.k8s.io"], resources: ["rolebindings"], verbs: ["get", "list", "create", "patch", "delete"] },
      { apiGroups: ["security.istio.io"], resources: ["authorizationpolicies"], verbs: ["get", "list", "create", "patch", "delete"] },
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

describe("Dockerfile", () => {
  it("builds the standalone output and runs it as a non-root user", () => {
    const text = readFileSync(path.resolve(DIR, "../Dockerfile"), "utf8");
    expect(text).toMatch(/BERTH_STANDALONE=1/);
    expect(text).toMatch(/^USER 65532/m);
    expect(text).toMatch(/migrate\.mjs/);
  });
});
