import { describe, expect, it } from "vitest";
import { rulesBeyond } from "./posture-rules";

const rule = (verbs: string[], apiGroups: string[], resources: string[], resourceNames: string[] = []) => ({ verbs, apiGroups, resources, resourceNames });

describe("rulesBeyond (THREATS 55)", () => {
  it("accepts the ClusterRole's rules, split or merged differently, and what every authenticated user holds", () => {
    expect(
      rulesBeyond({
        resourceRules: [
          rule(["get", "list"], ["kubeflow.org"], ["profiles"]),
          rule(["patch"], [""], ["namespaces"]),
          rule(["get"], ["apps"], ["deployments"], ["centraldashboard"]),
          rule(["create"], ["authorization.k8s.io"], ["selfsubjectrulesreviews"]),
        ],
        nonResourceRules: [{ verbs: ["get"], nonResourceURLs: ["/healthz", "/version"] }],
      }),
    ).toEqual([]);
  });

  it("names wildcards, other resources, other verbs and names beyond resourceNames", () => {
    expect(
      rulesBeyond({
        resourceRules: [
          rule(["*"], ["*"], ["*"]),
          rule(["get"], [""], ["secrets"]),
          rule(["delete"], [""], ["namespaces"]),
          rule(["get"], ["apps"], ["deployments"]),
          rule(["get"], ["apps"], ["deployments"], ["ml-pipeline"]),
        ],
        nonResourceRules: [{ verbs: ["*"], nonResourceURLs: ["*"] }],
      }),
    ).toEqual([
      "* on */*",
      "get on core/secrets",
      "delete on core/namespaces",
      "get on apps/deployments",
      "get on apps/deployments (ml-pipeline)",
      "* on *",
    ]);
  });
});
