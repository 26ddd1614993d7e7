import { describe, expect, it } from "vitest";
import { podSecurityLabels } from "@/lib/kube/namespaces";
import { buildEgressPolicy } from "@/lib/kube/network-policies";
import type { ClusterSnapshot } from "@/lib/kube/snapshot";
import { driftFingerprint, driftInWords, driftOf as driftWithScope, driftOrFailure, unmanagedProfiles, type ManagedWorkspace } from "./drift";

const scope = { namespaces: ["kubeflow", "istio-system"], dnsNamespace: "kube-system" };
const guardrails = { podSecurity: "restricted" as const, egressAllow: [{ cidr: "10.20.0.0/16", ports: [{ port: 443, protocol: "TCP" as const }] }] };
const containerDefaults = { defaultRequest: { cpu: "100m" }, default: { cpu: "1", memory: "1Gi" } };
const ws: ManagedWorkspace = {
  id: "id-1",
  name: "team-a",
  ownerEmail: "ada@example.com",
  hard: { "requests.cpu": "2", "requests.memory": "1Gi" },
  guardrails,
  containerDefaults,
};
const driftOf = (workspace: ManagedWorkspace, snap: ClusterSnapshot) => driftWithScope(workspace, snap, scope);
const policySpec = () => buildEgressPolicy("team-a", { ...scope, allow: guardrails.egressAllow }).spec;
const nsLabels: Record<string, string> = { "kubernetes.io/metadata.name": "team-a", "istio-injection": "enabled", ...podSecurityLabels("restricted") };

function snapshot(overrides: Partial<ClusterSnapshot> = {}): ClusterSnapshot {
  return {
    profiles: [
      {
        metadata: { name: "team-a", labels: { "berth.io/workspace-id": "id-1" } },
        spec: { owner: { kind: "User", name: "ada@example.com" }, resourceQuotaSpec: { hard: { "requests.cpu": "2", "requests.memory": "1Gi" } } },
      },
    ],
    namespaces: new Map([["team-a", nsLabels]]),
    namespaceDetails: new Map([["team-a", { name: "team-a", labels: nsLabels, annotations: { owner: "ada@example.com" }, terminating: false, ownerProfiles: ["team-a"] }]]),
    quotas: new Map([["team-a", { namespace: "team-a", hard: { "requests.cpu": "2000m", "requests.memory": "1024Mi" }, used: {} }]]),
    egressPolicies: new Map([["team-a", policySpec()]]),
    limitRanges: new Map([["team-a", { namespace: "team-a", default: { cpu: "1", memory: "1Gi" }, defaultRequest: { cpu: "100m" } }]]),
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
    expect(driftOf(ws, snapshot({ namespaces: new Map() })).kinds).toEqual(["namespace_missing"]);
    expect(driftOf(ws, snapshot({ profiles: [], namespaces: new Map(), quotas: new Map() })).kinds).toEqual([
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

  it("names guardrail drift: a removed or weakened Pod Security label, an edited or deleted policy, an edited LimitRange (THREATS 50)", () => {
    const withoutEnforce = Object.fromEntries(Object.entries(nsLabels).filter(([key]) => key !== "pod-security.kubernetes.io/enforce"));
    const unlabelled = driftOf(ws, snapshot({ namespaces: new Map([["team-a", withoutEnforce]]) }));
    expect(unlabelled.kinds).toEqual(["pod_security_differs"]);
    expect(unlabelled.observed.podSecurityLabels).not.toHaveProperty("pod-security.kubernetes.io/enforce");
    const weakened = { ...nsLabels, "pod-security.kubernetes.io/enforce": "privileged" };
    expect(driftOf(ws, snapshot({ namespaces: new Map([["team-a", weakened]]) })).kinds).toEqual(["pod_security_differs"]);

    const opened = { ...policySpec(), egress: [...policySpec().egress, { to: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }] };
    expect(driftOf(ws, snapshot({ egressPolicies: new Map([["team-a", opened]]) })).kinds).toEqual(["egress_policy_edited"]);
    expect(driftOf(ws, snapshot({ egressPolicies: new Map() })).kinds).toEqual(["egress_policy_missing"]);

    const raised = new Map([["team-a", { namespace: "team-a", default: { cpu: "64", memory: "1Gi" }, defaultRequest: { cpu: "100m" } }]]);
    expect(driftOf(ws, snapshot({ limitRanges: raised })).kinds).toEqual(["limit_range_edited"]);
    expect(driftOf(ws, snapshot({ limitRanges: new Map() })).kinds).toEqual(["limit_range_missing"]);
    expect(driftOf({ ...ws, containerDefaults: null }, snapshot({ limitRanges: new Map() })).kinds).toEqual([]);
  });

  it("compares the policy as the server returns it: key order, canonical quantities, the client's undefined fields", () => {
    const reordered = JSON.parse(JSON.stringify(policySpec(), Object.keys(policySpec()).reverse()));
    const withUndefined = { ...policySpec(), ingress: undefined };
    expect(driftOf(ws, snapshot({ egressPolicies: new Map([["team-a", { ...reordered, ...withUndefined }]]) })).kinds).toEqual([]);
    const canonical = new Map([["team-a", { namespace: "team-a", default: { cpu: "1000m", memory: "1024Mi" }, defaultRequest: { cpu: "0.1" } }]]);
    expect(driftOf(ws, snapshot({ limitRanges: canonical })).kinds).toEqual([]);
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

describe("drift as real clusters answer (THREATS 90, 93)", () => {
  it("compares integer quantities from an int-or-string Profile by value", () => {
    const profile = snapshot().profiles[0]!;
    const integers = { ...profile, spec: { ...profile.spec, resourceQuotaSpec: { hard: { "requests.cpu": 2, "requests.memory": "1Gi" } as unknown as Record<string, string> } } };
    expect(driftOf(ws, snapshot({ profiles: [integers] })).kinds).toEqual([]);
  });

  it("names a namespace being deleted, without comparing what is going away", () => {
    const details = new Map([["team-a", { name: "team-a", labels: {}, annotations: {}, terminating: true, deletionTimestamp: "2026-12-02T06:00:00Z", ownerProfiles: ["team-a"] }]]);
    const drift = driftOf(ws, snapshot({ namespaceDetails: details, egressPolicies: new Map() }));
    expect(drift.kinds).toEqual(["namespace_terminating"]);
    expect(drift.observed.deletionTimestamp).toBe("2026-12-02T06:00:00Z");
  });

  it("turns one workspace's failed comparison into its own check_failed, not a failed pass", () => {
    const drift = driftOrFailure(() => {
      throw new TypeError("text.trim is not a function");
    });
    expect(drift).toEqual({ kinds: ["check_failed"], observed: { error: "text.trim is not a function" } });
  });

  it("puts a recorded fingerprint in words", () => {
    expect(driftInWords("profile_quota_differs,quota_edited")).toBe("Profile quota differs · kf-resource-quota edited");
    expect(driftInWords(null)).toBe("");
  });
});
