import { describe, expect, it } from "vitest";
import { buildProfile, type ClusterProfile } from "@/lib/kube/profiles";
import { profileUpToDate, unwantedKeys } from "./profile-diff";

const manifest = buildProfile({
  workspaceId: "id-1",
  name: "team-a",
  ownerEmail: "ada@example.com",
  tierSlug: "small-cpu",
  hard: { "requests.cpu": "4", pods: "10" },
  approvedBy: "grace@example.com",
  generation: 3,
});

function live(overrides: { hard?: Record<string, string>; annotations?: Record<string, string>; managedFields?: ClusterProfile["metadata"]["managedFields"] } = {}): ClusterProfile {
  return {
    metadata: {
      name: "team-a",
      resourceVersion: "42",
      labels: { ...manifest.metadata.labels, "kubernetes.io/extra": "x" },
      annotations: overrides.annotations ?? { ...manifest.metadata.annotations },
      managedFields: overrides.managedFields,
    },
    spec: { owner: { kind: "User", name: "ada@example.com" }, resourceQuotaSpec: { hard: overrides.hard ?? { "requests.cpu": "4", pods: "10" } } },
  };
}

describe("unwantedKeys (THREATS 90)", () => {
  it("names keys the approved quota does not have, with the managers that own them in managedFields", () => {
    const profile = live({
      hard: { "requests.cpu": "4", pods: "10", "requests.nvidia.com/gpu": "4" },
      managedFields: [
        { manager: "berth", operation: "Apply", fieldsV1: { "f:spec": { "f:resourceQuotaSpec": { "f:hard": { "f:pods": {}, "f:requests.cpu": {} } } } } },
        { manager: "kubectl-patch", operation: "Update", fieldsV1: { "f:spec": { "f:resourceQuotaSpec": { "f:hard": { "f:requests.nvidia.com/gpu": {} } } } } },
      ],
    });
    expect(unwantedKeys(profile, manifest.spec.resourceQuotaSpec.hard)).toEqual([{ key: "requests.nvidia.com/gpu", value: "4", setBy: ["kubectl-patch"] }]);
    expect(unwantedKeys(live(), manifest.spec.resourceQuotaSpec.hard)).toEqual([]);
  });
});

describe("profileUpToDate (THREATS 92)", () => {
  it("is true only when an apply would change nothing", () => {
    expect(profileUpToDate(live(), manifest)).toBe(true);
    expect(profileUpToDate(live({ hard: { "requests.cpu": "4000m", pods: "10" } }), manifest)).toBe(true);
    expect(profileUpToDate(live({ hard: { "requests.cpu": "8", pods: "10" } }), manifest)).toBe(false);
    expect(profileUpToDate(live({ annotations: { ...manifest.metadata.annotations, "berth.io/generation": "2" } }), manifest)).toBe(false);
    expect(profileUpToDate(live({ annotations: { ...manifest.metadata.annotations, "berth.io/suspended": "true" } }), manifest)).toBe(false);
  });
});
