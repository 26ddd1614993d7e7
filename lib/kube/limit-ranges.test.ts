import { describe, expect, it } from "vitest";
import { buildLimitRange } from "./limit-ranges";

describe("buildLimitRange", () => {
  it("writes the tier's container defaults as a LimitRange named berth-defaults in the workspace namespace", () => {
    const manifest = buildLimitRange("team-a", { defaultRequest: { cpu: "100m", memory: "256Mi" }, default: { cpu: "1", memory: "1Gi" } });
    expect(manifest).toEqual({
      apiVersion: "v1",
      kind: "LimitRange",
      metadata: { name: "berth-defaults", namespace: "team-a", labels: { "app.kubernetes.io/managed-by": "berth" } },
      spec: { limits: [{ type: "Container", default: { cpu: "1", memory: "1Gi" }, defaultRequest: { cpu: "100m", memory: "256Mi" } }] },
    });
  });

  it("leaves out a section with no values", () => {
    const manifest = buildLimitRange("team-b", { defaultRequest: { cpu: "100m" }, default: {} });
    expect(manifest.spec.limits[0]).toEqual({ type: "Container", defaultRequest: { cpu: "100m" } });
  });
});
