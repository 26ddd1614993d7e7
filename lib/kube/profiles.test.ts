import { describe, expect, it } from "vitest";
import { buildProfile } from "./profiles";

const intent = {
  workspaceId: "3f9a3c1e-8d2b-4c55-9a7e-1f2d3c4b5a69",
  name: "team-a",
  ownerEmail: "Ada@example.com",
  tierSlug: "standard",
  hard: { "requests.cpu": "8", pods: "40" },
  approvedBy: "grace@example.com",
};

describe("buildProfile", () => {
  it("builds a cluster-scoped kubeflow.org/v1 Profile owned by the verified email, case kept", () => {
    const profile = buildProfile(intent);
    expect(profile).toEqual({
      apiVersion: "kubeflow.org/v1",
      kind: "Profile",
      metadata: {
        name: "team-a",
        labels: {
          "app.kubernetes.io/managed-by": "berth",
          "berth.io/workspace-id": intent.workspaceId,
          "berth.io/tier": "standard",
        },
        annotations: { "berth.io/requested-by": "Ada@example.com", "berth.io/approved-by": "grace@example.com" },
      },
      spec: { owner: { kind: "User", name: "Ada@example.com" }, resourceQuotaSpec: { hard: intent.hard } },
    });
    expect(profile.metadata).not.toHaveProperty("namespace");
    expect(profile.metadata).not.toHaveProperty("resourceVersion");
  });

  it("refuses an empty quota, which would make the controller delete kf-resource-quota", () => {
    expect(() => buildProfile({ ...intent, hard: {} })).toThrow(/empty quota/);
  });

  it("refuses a Profile without an owner", () => {
    expect(() => buildProfile({ ...intent, ownerEmail: "" })).toThrow(/owner/);
  });

  it("copies the quota so later edits of the input do not change the manifest", () => {
    const hard = { pods: "1" };
    const profile = buildProfile({ ...intent, hard });
    hard.pods = "999";
    expect(profile.spec.resourceQuotaSpec.hard.pods).toBe("1");
  });
});

describe("buildProfile for a suspended workspace", () => {
  it("marks the Profile as suspended and carries the desired-state generation", () => {
    const profile = buildProfile({ ...intent, suspended: true, generation: 4 });
    expect(profile.metadata.annotations).toMatchObject({ "berth.io/suspended": "true", "berth.io/generation": "4" });
  });
});
