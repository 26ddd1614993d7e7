import { describe, expect, it } from "vitest";
import { buildNamespaceLabels, podSecurityLabelsOf } from "./namespaces";

describe("buildNamespaceLabels (THREATS 50)", () => {
  it("names only the Pod Security labels, each mode with its version, so the profile controller's labels stay its own", () => {
    expect(buildNamespaceLabels("team-a", "restricted")).toEqual({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: {
        name: "team-a",
        labels: {
          "pod-security.kubernetes.io/enforce": "restricted",
          "pod-security.kubernetes.io/enforce-version": "latest",
          "pod-security.kubernetes.io/warn": "restricted",
          "pod-security.kubernetes.io/warn-version": "latest",
          "pod-security.kubernetes.io/audit": "restricted",
          "pod-security.kubernetes.io/audit-version": "latest",
        },
      },
    });
  });

  it("reads back only the Pod Security labels of a namespace", () => {
    expect(podSecurityLabelsOf({ "istio-injection": "enabled", "pod-security.kubernetes.io/enforce": "baseline" })).toEqual({
      "pod-security.kubernetes.io/enforce": "baseline",
    });
  });
});
