import { describe, expect, it } from "vitest";
import type { ClusterSnapshot } from "@/lib/kube/snapshot";
import { driftFingerprint, driftOf, unmanagedProfiles } from "./drift";

const ws = { id: "id-1", name: "team-a", ownerEmail: "ada@example.com", hard: { "requests.cpu": "2", "requests.memory": "1Gi" } };

function snapshot(overrides: Partial<ClusterSnapshot> = {}): ClusterSnapshot {
  return {
    profiles: [
      {
        metadata: { name: "team-a", labels: { "berth.io/workspace-id": "id-1" } },
        spec: { owner: { kind: "User", name: "ada@example.com" }, resourceQuotaSpec: { hard: { "requests.cpu": "2", "requests.memory": "1Gi" } } },
      },
    ],
    namespaces: new Set(["team-a"]),
    quotas: new Map([["team-a", { namespace: "team-a", hard: { "requests.cpu": "2000m", "requests.memory": "1024Mi" }, used: {} }]]),
    ...overrides,
  };
}

describe("driftOf (THREATS 32)", () => {
  it("finds none when the cluster matches, comparing canonicalised quantities by value", () => {
    expect(driftOf(ws, snapshot()).kinds).toEqual([]);
  });

  it("names a deleted kf-resource-quota, an edited one, a missing namespace and a missing Profile", () => {
    expect(driftOf(ws, snapshot({ quotas: new Map() })).kinds).toEqual(["quota_missing"]);
    const edited = new Map([["team-a", { namespace: "team-a", hard: { "requests.cpu": "64", "requests.memory": "1Gi" }, used: {} }]]);
    expect(driftOf(ws, snapshot({ quotas: edited })).kinds).toEqual(["quota_edited"]);
    expect(driftOf(ws, snapshot({ namespaces: new Set() })).kinds).toEqual(["namespace_missing"]);
    expect(driftOf(ws, snapshot({ profiles: [], namespaces: new Set(), quotas: new Map() })).kinds).toEqual([
      "profile_missing",
      "namespace_missing",
      "quota_missing",
    ]);
  });

  it("names a changed owner and quota on the Profile", () => {
    const profile = snapshot().profiles[0]!;
    const edited = { ...profile, spec: { owner: { kind: "User", name: "mallory@example.com" }, resourceQuotaSpec: { hard: { pods: "1" } } } };
    expect(driftOf(ws, snapshot({ profiles: [edited] })).kinds).toEqual(["owner_differs", "profile_quota_differs"]);
  });

  it("fingerprints the same drift the same way whatever the order", () => {
    expect(driftFingerprint(["quota_missing", "namespace_missing"])).toBe(driftFingerprint(["namespace_missing", "quota_missing"]));
    expect(driftFingerprint([])).toBeNull();
  });
});

describe("unmanagedProfiles (THREATS 33)", () => {
  it("lists Profiles without a matching Berth record, with owner and quota", () => {
    const foreign = { metadata: { name: "miner" }, spec: { owner: { kind: "User", name: "eve@example.com" }, resourceQuotaSpec: { hard: { pods: "99" } } } };
    const forged = { metadata: { name: "other", labels: { "berth.io/workspace-id": "id-1" } }, spec: {} };
    const list = unmanagedProfiles(snapshot({ profiles: [...snapshot().profiles, foreign, forged] }), [ws]);
    expect(list).toEqual([
      { name: "miner", owner: "eve@example.com", hard: { pods: "99" } },
      { name: "other", owner: null, hard: {} },
    ]);
  });
});
