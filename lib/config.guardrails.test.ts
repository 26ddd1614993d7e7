import { describe, expect, it } from "vitest";
import { guardrailSettings, SettingsError } from "./config";

describe("guardrail settings", () => {
  it("defaults: Kubeflow's namespaces, kube-system DNS, GPUs never overcommitted", () => {
    expect(guardrailSettings({})).toEqual({
      egressNamespaces: ["kubeflow", "istio-system", "knative-serving"],
      dnsNamespace: "kube-system",
      overcommitLimits: { cpu: 4, memory: 1.5, gpu: 1 },
      dashboardNamespace: "kubeflow",
      dashboardDeployment: "centraldashboard",
      gatewayNamespace: "istio-system",
    });
  });

  it("reads what is set; an empty namespace list allows none", () => {
    const settings = guardrailSettings({ BERTH_EGRESS_NAMESPACES: "kubeflow, monitoring", BERTH_OVERCOMMIT_LIMITS: "gpu=1.5,cpu=2" });
    expect(settings.egressNamespaces).toEqual(["kubeflow", "monitoring"]);
    expect(settings.overcommitLimits).toEqual({ cpu: 2, memory: 1.5, gpu: 1.5 });
    expect(guardrailSettings({ BERTH_EGRESS_NAMESPACES: "" }).egressNamespaces).toEqual([]);
  });

  it.each([
    ["BERTH_EGRESS_NAMESPACES", "kubeflow,Bad_NS"],
    ["BERTH_OVERCOMMIT_LIMITS", "gpu=0"],
    ["BERTH_OVERCOMMIT_LIMITS", "disk=2"],
    ["BERTH_OVERCOMMIT_LIMITS", "gpu=lots"],
    ["BERTH_DNS_NAMESPACE", "kube system"],
  ])("refuses %s=%s naming the variable", (name, value) => {
    expect(() => guardrailSettings({ [name]: value })).toThrow(SettingsError);
    expect(() => guardrailSettings({ [name]: value })).toThrow(name);
  });
});
