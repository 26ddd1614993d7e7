// Drift and unmanaged Profiles: the stand-in's objects edited or deleted behind Berth's back are
// detected, audited once per occurrence and corrected on request; foreign Profiles are listed and adoptable.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError } from "@/lib/model/errors";
import { callOptions, kubeClients } from "@/lib/kube/client";
import { applyProfile, getProfile } from "@/lib/kube/profiles";
import { getQuota } from "@/lib/kube/resource-quotas";
import { reapplyWorkspace } from "@/lib/workspaces/lifecycle";
import { actor, approvedWorkspace, standIn, uniqueName } from "@/test/fixtures";
import { adoptProfile } from "./adopt";
import { reconcileOnce } from "./reconciler";
import { scanCluster } from "./scan";

const by = { actor: null, context: {} };

/** A Profile made behind Berth's back, as the dashboard's registration route would. */
function foreignProfile(name: string, hard: Record<string, string>) {
  return applyProfile({
    apiVersion: "kubeflow.org/v1",
    kind: "Profile",
    metadata: { name, labels: {}, annotations: {} },
    spec: { owner: { kind: "User", name: "eve@example.com" }, resourceQuotaSpec: { hard } },
  });
}

async function driftEvents(id: string) {
  return db.auditEvent.findMany({ where: { targetId: id, action: { startsWith: "cluster.drift" } }, orderBy: { seq: "asc" } });
}

beforeEach(() => standIn.clearFaults());
afterEach(() => standIn.clearFaults());

describe("drift (THREATS 32)", () => {
  it("a deleted kf-resource-quota is detected, audited once over many passes, corrected by re-apply, and the resolution audited", async () => {
    const { id, name, admin } = await approvedWorkspace();
    await kubeClients().core.deleteNamespacedResourceQuota({ name: "kf-resource-quota", namespace: name }, callOptions());
    for (let i = 0; i < 3; i++) await reconcileOnce();
    const scan = await scanCluster(by);
    expect(scan.drifted.find((d) => d.id === id)?.kinds).toEqual(["quota_missing"]);
    expect((await driftEvents(id)).map((e) => e.action)).toEqual(["cluster.drift_detected"]);

    await reapplyWorkspace(admin, { workspaceId: id });
    expect((await getQuota(name))?.hard).toMatchObject({ pods: "10" });
    await reconcileOnce();
    await reconcileOnce();
    expect((await driftEvents(id)).map((e) => e.action)).toEqual(["cluster.drift_detected", "cluster.drift_resolved"]);
  });

  it("a hand-edited quota and Profile owner are named, with what was observed", async () => {
    const { id, name } = await approvedWorkspace();
    await kubeClients().core.patchNamespacedResourceQuota(
      { name: "kf-resource-quota", namespace: name, body: { spec: { hard: { pods: "500" } } } },
      callOptions({ "Content-Type": "application/merge-patch+json" }),
    );
    const scan = await scanCluster(by);
    const drift = scan.drifted.find((d) => d.id === id);
    expect(drift?.kinds).toEqual(["quota_edited"]);
    expect(drift?.observed.quotaHard).toMatchObject({ pods: "500" });
    const [event] = await driftEvents(id);
    expect(event?.after).toMatchObject({ drift: "quota_edited" });
  });
});

describe("unmanaged Profiles (THREATS 33)", () => {
  it("a Profile created directly is listed with owner and quota; adopting it creates a record, an audit event and Berth's labels", async () => {
    const name = uniqueName("dash");
    await foreignProfile(name, { pods: "5", "requests.cpu": "1" });
    const listed = (await scanCluster(by)).unmanaged.find((p) => p.name === name);
    expect(listed).toEqual({ name, owner: "eve@example.com", hard: { pods: "5", "requests.cpu": "1" } });

    const grace = await actor(`grace.${name}@example.com`, ["requester", "admin"]);
    const { workspaceId, outcome } = await adoptProfile(grace, { name, reason: "registered through the dashboard" });
    expect(outcome.status).toBe("ACTIVE");
    const row = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, include: { tier: true } });
    expect(row).toMatchObject({ status: "ACTIVE", ownerEmail: "eve@example.com", hard: { pods: "5", "requests.cpu": "1" } });
    expect(row.tier.slug).toBe("adopted");
    expect((await getProfile(name))?.metadata.labels?.["berth.io/workspace-id"]).toBe(workspaceId);
    expect(await db.auditEvent.count({ where: { targetId: workspaceId, action: "cluster.profile_adopted" } })).toBe(1);
    expect((await scanCluster(by)).unmanaged.map((p) => p.name)).not.toContain(name);
    await expect(adoptProfile(grace, { name, reason: "again" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("an unmanaged Profile misused right now can be adopted and suspended at once: zero pods, data kept", async () => {
    const name = uniqueName("miner");
    await foreignProfile(name, { pods: "50", "requests.nvidia.com/gpu": "4" });
    const grace = await actor(`grace.${name}@example.com`, ["requester", "admin"]);
    const { workspaceId, outcome } = await adoptProfile(grace, { name, reason: "GPU miner", suspend: "on" });
    expect(outcome.status).toBe("SUSPENDED");
    expect((await getQuota(name))?.hard).toEqual({ pods: "0", "requests.nvidia.com/gpu": "4" });
    expect(await db.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).toMatchObject({ status: "SUSPENDED", hard: { pods: "50" } });
  });

  it("a requester cannot adopt (THREATS 2)", async () => {
    const { name } = await approvedWorkspace();
    const ada = await actor(`ada2.${name}@example.com`);
    await expect(adoptProfile(ada, { name, reason: "mine" })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
