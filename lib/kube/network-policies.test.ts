import { describe, expect, it } from "vitest";
import { buildEgressPolicy } from "./network-policies";

const scope = { namespaces: ["kubeflow", "istio-system", "knative-serving"], dnsNamespace: "kube-system" };

describe("buildEgressPolicy (THREATS 51)", () => {
  it("with no allowlist lets pods reach only cluster DNS, their own namespace and the configured Kubeflow namespaces", () => {
    const policy = buildEgressPolicy("team-a", { ...scope, allow: [] });
    expect(policy.metadata).toEqual({ name: "berth-egress", namespace: "team-a", labels: { "app.kubernetes.io/managed-by": "berth" } });
    expect(policy.spec.podSelector).toEqual({});
    expect(policy.spec.policyTypes).toEqual(["Egress"]);
    expect(policy.spec.egress).toEqual([
      {
        to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
        ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }],
      },
      { to: [{ podSelector: {} }] },
      { to: [{ namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["istio-system", "knative-serving", "kubeflow"] }] } }] },
    ]);
    expect(JSON.stringify(policy)).not.toContain("ipBlock");
  });

  it("adds one entry per allowlisted CIDR, with its ports when it names some", () => {
    const policy = buildEgressPolicy("team-a", {
      ...scope,
      allow: [
        { cidr: "203.0.113.0/24", ports: [{ port: 443, protocol: "TCP" }] },
        { cidr: "10.96.0.1/32", ports: [] },
      ],
    });
    expect(policy.spec.egress.slice(3)).toEqual([
      { to: [{ ipBlock: { cidr: "203.0.113.0/24" } }], ports: [{ protocol: "TCP", port: 443 }] },
      { to: [{ ipBlock: { cidr: "10.96.0.1/32" } }] },
    ]);
  });

  it("leaves out the namespace entry when no namespace is configured", () => {
    expect(buildEgressPolicy("team-a", { namespaces: [], dnsNamespace: "kube-system", allow: [] }).spec.egress).toHaveLength(2);
  });
});
