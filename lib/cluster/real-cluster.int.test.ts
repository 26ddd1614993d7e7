// The cluster as real clusters behave, against the API stand-in and real PostgreSQL: integer
// quantities, quota keys added by other field managers, namespaces that take time to go (or
// linger), a profile controller that does not act, a namespace someone else made first.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getNamespace, namespaceExists } from "@/lib/kube/namespaces";
import { getProfile } from "@/lib/kube/profiles";
import { getQuota } from "@/lib/kube/resource-quotas";
import { reapplyWorkspace, decommissionWorkspace } from "@/lib/workspaces/lifecycle";
import { requestWorkspace } from "@/lib/workspaces/request";
import { approveWorkspace } from "@/lib/workspaces/decide";
import { actor, approvedWorkspace, confirmByReconciler, kubectl, profileApplies, standIn, testTier, uniqueName } from "@/test/fixtures";
import { adoptProfile } from "./adopt";
import { getClusterOverview } from "./overview";
import { reconcileOnce } from "./reconciler";
import { scanCluster } from "./scan";

const by = { actor: null, context: {} };

const profilePath = (name: string) => `/apis/kubeflow.org/v1/profiles/${name}`;
const mergePatch = (name: string, hard: Record<string, string | number>, manager = "kubectl-patch") =>
  kubectl("PATCH", `${profilePath(name)}?fieldManager=${manager}`, "application/merge-patch+json", { spec: { resourceQuotaSpec: { hard } } });

async function eventsOf(id: string, action: string) {
  return db.auditEvent.findMany({ where: { targetId: id, action }, orderBy: { seq: "asc" } });
}
const later = (ms: number) => new Date(Date.now() + ms);

beforeEach(async () => {
  await standIn.clearFaults();
  await standIn.setControllerPaused(false);
  await standIn.setNamespaceTermination({ hold: false, delayMs: 300 });
});
afterEach(async () => {
  await standIn.clearFaults();
  await standIn.setControllerPaused(false);
  await standIn.setNamespaceTermination({ hold: false, delayMs: 300 });
  delete process.env.BERTH_PROVISION_DEADLINE_MS;
});

describe("integer quantities (int-or-string in the Profile CRD)", () => {
  it("an integer set with kubectl patch is compared by value: drift on that workspace only, the scan and the Cluster page go on", async () => {
    const edited = await approvedWorkspace();
    const untouched = await approvedWorkspace();
    // The same value as an integer is no drift; another value is, named on its own workspace.
    await mergePatch(untouched.name, { pods: 10 });
    await mergePatch(edited.name, { pods: 20 });
    const scan = await scanCluster(by);
    const drift = scan.drifted.find((d) => d.id === edited.id);
    expect(drift?.kinds).toEqual(["profile_quota_differs", "quota_edited"]);
    expect(drift?.observed.profileHard).toMatchObject({ pods: "20" });
    expect(drift?.hard).toMatchObject({ pods: "10" });
    expect(scan.drifted.find((d) => d.id === untouched.id)).toBeUndefined();
    expect(await eventsOf(edited.id, "cluster.drift_detected")).toHaveLength(1);
    // The Cluster page shows the reconciler's last scan.
    expect((await reconcileOnce()).scanError).toBeUndefined();
    const overview = await getClusterOverview(edited.admin, {});
    expect(overview.problem).toBeUndefined();
    expect(overview.drifted.map((d) => d.id)).toContain(edited.id);
  });

  it("a Profile whose quota holds integers is adopted with those values", async () => {
    const name = uniqueName("made-by-hand");
    await kubectl("POST", "/apis/kubeflow.org/v1/profiles?fieldManager=kubectl-create", "application/json", {
      apiVersion: "kubeflow.org/v1",
      kind: "Profile",
      metadata: { name },
      spec: { owner: { kind: "User", name: `eve.${name}@example.com` }, resourceQuotaSpec: { hard: { pods: 4, "requests.cpu": "2" } } },
    });
    const admin = await actor(`grace.${name}@example.com`, ["requester", "admin"]);
    const { workspaceId } = await adoptProfile(admin, { name, reason: "adopting a hand-made Profile" });
    expect((await db.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).hard).toEqual({ pods: "4", "requests.cpu": "2" });
    expect((await getProfile(name))?.spec?.resourceQuotaSpec?.hard).toEqual({ pods: "4", "requests.cpu": "2" });
  });
});

describe("re-apply converges to exactly the approved quota (THREATS 90)", () => {
  it("a key added by kubectl patch is removed, audited with who added it; drift resolves only once the cluster matches", async () => {
    const { id, name, admin } = await approvedWorkspace();
    await mergePatch(name, { "requests.nvidia.com/gpu": "4" });
    expect((await getQuota(name))?.hard["requests.nvidia.com/gpu"]).toBe("4");
    await scanCluster(by);
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).drift).toBe("profile_quota_differs,quota_edited");

    // While the re-apply cannot reach the cluster, the drift stays on the Cluster page.
    await standIn.injectFault({ method: "GET", pathPrefix: profilePath(name), count: 1, status: 500 });
    await reapplyWorkspace(admin, { workspaceId: id });
    const pending = await scanCluster(by);
    expect(pending.drifted.find((d) => d.id === id)?.kinds).toEqual(["profile_quota_differs", "quota_edited"]);

    await standIn.clearRequests();
    const outcome = await reconcileOnce({ now: later(10 * 60_000) });
    expect(outcome.attempted.find((a) => a.id === id)?.outcome).toBe("ACTIVE");
    expect((await getProfile(name))?.spec?.resourceQuotaSpec?.hard).not.toHaveProperty("requests.nvidia.com/gpu");
    expect((await getQuota(name))?.hard).not.toHaveProperty("requests.nvidia.com/gpu");
    const [removal] = await eventsOf(id, "profile.quota_keys_removed");
    expect(removal?.after).toEqual({ removed: [{ key: "requests.nvidia.com/gpu", value: "4", setBy: ["kubectl-patch"] }] });
    expect(removal?.reason).toContain("set by kubectl-patch");
    // The removal was a JSON patch guarded by the resourceVersion Berth read.
    const patches = (await standIn.requests()).filter((r) => r.method === "PATCH" && r.path.startsWith(profilePath(name)));
    expect(patches.map((r) => r.contentType)).toEqual(["application/json-patch+json", "application/apply-patch+yaml"]);
    await scanCluster(by);
    expect((await eventsOf(id, "cluster.drift_resolved")).length).toBe(1);
  });

  it("a key set by another applier (its own field manager) is removed too", async () => {
    const { id, name, admin } = await approvedWorkspace();
    await kubectl("PATCH", `${profilePath(name)}?fieldManager=gpu-team&force=true`, "application/apply-patch+yaml", {
      apiVersion: "kubeflow.org/v1",
      kind: "Profile",
      metadata: { name },
      spec: { resourceQuotaSpec: { hard: { "requests.nvidia.com/gpu": 2 } } },
    });
    await reapplyWorkspace(admin, { workspaceId: id });
    expect((await getProfile(name))?.spec?.resourceQuotaSpec?.hard).not.toHaveProperty("requests.nvidia.com/gpu");
    const [removal] = await eventsOf(id, "profile.quota_keys_removed");
    expect(removal?.after).toEqual({ removed: [{ key: "requests.nvidia.com/gpu", value: "2", setBy: ["gpu-team"] }] });
  });
});

describe("decommissioning (THREATS 91)", () => {
  it("is confirmed only once the namespace is gone, saying what is still there meanwhile", async () => {
    const { id, name, admin } = await approvedWorkspace();
    await standIn.setNamespaceTermination({ hold: true });
    const version = (await db.workspace.findUniqueOrThrow({ where: { id } })).version;
    const outcome = await decommissionWorkspace(admin, { workspaceId: id, version, reason: "done", confirmName: name });
    expect(outcome).toMatchObject({ status: "PROVISIONING", step: expect.stringContaining(`its namespace "${name}" is still being deleted`) });
    for (let i = 1; i <= 3; i++) await reconcileOnce({ now: later(i * 60_000) });
    expect(await eventsOf(id, "profile.deleted")).toHaveLength(0);
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).provisionStep).toContain("Terminating since");

    await standIn.setNamespaceTermination({ hold: false, delayMs: 0 });
    await expect.poll(() => namespaceExists(name)).toBe(false);
    await reconcileOnce({ now: later(10 * 60_000) });
    const row = await db.workspace.findUniqueOrThrow({ where: { id } });
    expect(row.appliedGeneration).toBe(row.generation);
    expect(await eventsOf(id, "profile.deleted")).toHaveLength(1);
  });

  it("a namespace left behind by a decommissioned workspace is reported as drift", async () => {
    const { id, name, admin } = await approvedWorkspace();
    const version = (await db.workspace.findUniqueOrThrow({ where: { id } })).version;
    await standIn.setNamespaceTermination({ hold: false, delayMs: 0 });
    await decommissionWorkspace(admin, { workspaceId: id, version, reason: "done", confirmName: name });
    await expect.poll(() => namespaceExists(name)).toBe(false);
    await reconcileOnce({ now: later(10 * 60_000) });
    await standIn.createNamespace(name, admin.actor.email);
    const scan = await scanCluster(by);
    expect(scan.drifted.find((d) => d.id === id)?.kinds).toEqual(["namespace_left_behind"]);
    expect(await eventsOf(id, "cluster.drift_detected")).toHaveLength(1);
  });
});

describe("a profile controller that does not act (THREATS 92)", () => {
  it("is applied once and observed; after the deadline it is audited once and shown; it finishes when the controller is back", async () => {
    process.env.BERTH_PROVISION_DEADLINE_MS = String(5 * 60_000);
    await standIn.setControllerPaused(true);
    await standIn.clearRequests();
    const { id, name, admin, outcome } = await approvedWorkspace();
    // The approval applied the Profile; the reconciler's first look found no namespace yet.
    expect(outcome).toMatchObject({ status: "PROVISIONING", step: "Profile applied; waiting for the namespace" });
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).provisionStep).toBe("waiting for the namespace");
    for (let minute = 1; minute <= 4; minute++) await reconcileOnce({ now: later(minute * 60_000) });
    expect(await profileApplies(name)).toBe(1);
    expect(await eventsOf(id, "profile.controller_overdue")).toHaveLength(0);

    for (let minute = 6; minute <= 8; minute++) await reconcileOnce({ now: later(minute * 60_000) });
    expect(await eventsOf(id, "profile.controller_overdue")).toHaveLength(1);
    expect(await profileApplies(name)).toBe(1);
    const row = await db.workspace.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("PROVISIONING");
    expect(row.provisionStep).toMatch(/^The profile controller has not acted since .* \(waiting for the namespace\)/);
    expect((await getClusterOverview(admin, {})).overdue.map((w) => w.id)).toContain(id);

    await standIn.setControllerPaused(false);
    await reconcileOnce({ now: later(20 * 60_000) });
    const done = await db.workspace.findUniqueOrThrow({ where: { id } });
    expect(done).toMatchObject({ status: "ACTIVE", overdueAt: null, waitingSince: null });
    expect((await getClusterOverview(admin, {})).overdue.map((w) => w.id)).not.toContain(id);
  });
});

describe("readiness and the expiry clock (THREATS 93)", () => {
  it("the expiry clock starts when the workspace is first active, not at approval", async () => {
    const tier = await testTier({ lifetimeDays: 30 });
    await standIn.setControllerPaused(true);
    const { id } = await approvedWorkspace(tier);
    const approved = await db.workspace.findUniqueOrThrow({ where: { id } });
    expect(approved.expiresAt).toBeNull();
    const [approval] = await eventsOf(id, "workspace.approved");
    expect(approval?.after).toMatchObject({ expiry: { lifetimeDays: 30, startsWhen: "first active" } });

    await standIn.setControllerPaused(false);
    const activeAt = later(2 * 60 * 60_000);
    await reconcileOnce({ now: activeAt });
    const active = await db.workspace.findUniqueOrThrow({ where: { id } });
    expect(active.status).toBe("ACTIVE");
    expect(active.expiresAt?.getTime()).toBe(activeAt.getTime() + 30 * 24 * 60 * 60_000);
    // The approval applied the Profile and audited that; the reconciler's confirmation carries the clock's start.
    const [confirmed] = await eventsOf(id, "profile.confirmed");
    expect(confirmed?.after).toMatchObject({ expiresAt: active.expiresAt?.toISOString(), expiryStarted: "first active" });
  });

  it("a namespace being deleted is not ready: nothing is written into it and the step says why", async () => {
    const name = uniqueName();
    const ada = await actor(`ada.${name}@example.com`);
    const admin = await actor(`grace.${name}@example.com`, ["requester", "admin"]);
    const { id } = await requestWorkspace(ada, { name, tier: "small-cpu", reason: "x" });
    // Made for the same owner after the request, and now being deleted.
    await standIn.createNamespace(name, ada.actor.email);
    await standIn.setNamespaceTermination({ hold: true });
    await kubectl("DELETE", `/api/v1/namespaces/${name}`, "application/json", undefined);
    await standIn.clearRequests();
    expect(await approveWorkspace(admin, { workspaceId: id })).toMatchObject({ status: "PROVISIONING" });
    await confirmByReconciler(name);
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).provisionStep).toContain(`"${name}" is still being deleted`);
    const writes = (await standIn.requests()).filter((r) => r.method !== "GET" && r.path.includes(`/namespaces/${name}`));
    expect(writes).toEqual([]);
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).status).toBe("PROVISIONING");
    // Once it is gone, the Profile is applied once more so that the profile controller makes it anew.
    await standIn.setNamespaceTermination({ hold: false, delayMs: 0 });
    await expect.poll(() => namespaceExists(name)).toBe(false);
    await reconcileOnce({ now: later(60_000) });
    await reconcileOnce({ now: later(2 * 60_000) });
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).status).toBe("ACTIVE");
    expect((await getNamespace(name))?.ownerProfiles).toEqual([name]);
  });

  it("an active workspace whose namespace is being deleted shows it as drift", async () => {
    const { id, name } = await approvedWorkspace();
    await standIn.setNamespaceTermination({ hold: true });
    await kubectl("DELETE", `/api/v1/namespaces/${name}`, "application/json", undefined);
    expect((await getNamespace(name))?.terminating).toBe(true);
    const scan = await scanCluster(by);
    expect(scan.drifted.find((d) => d.id === id)?.kinds).toContain("namespace_terminating");
  });
});

describe("a namespace someone else made first (THREATS 94)", () => {
  it.each([
    ["another owner", "bob@example.com"],
    ["no owner annotation", undefined],
  ])("with %s: the workspace fails with a configuration message, nothing is written into it, audited", async (_what, owner) => {
    const name = uniqueName();
    const ada = await actor(`ada.${name}@example.com`);
    const admin = await actor(`grace.${name}@example.com`, ["requester", "admin"]);
    const tier = await testTier({ containerDefaults: { defaultRequest: { cpu: "100m" }, default: { cpu: "1" } } });
    const { id } = await requestWorkspace(ada, { name, tier, reason: "x" });
    // Made between the request and its approval.
    await standIn.createNamespace(name, owner);
    await standIn.clearRequests();
    // The approval applies the Profile; the reconciler's confirmation finds the namespace is not its own.
    expect(await approveWorkspace(admin, { workspaceId: id })).toMatchObject({ status: "PROVISIONING" });
    await confirmByReconciler(name);
    const { statusMessage } = await db.workspace.findUniqueOrThrow({ where: { id } });
    expect(statusMessage).toContain(`A namespace named "${name}" already exists`);
    expect(statusMessage).toContain("Berth wrote nothing into it");
    const writes = (await standIn.requests()).filter((r) => r.method !== "GET" && r.path.includes(`/namespaces/${name}`));
    expect(writes).toEqual([]);
    const namespace = await getNamespace(name);
    expect(Object.keys(namespace?.labels ?? {}).filter((k) => k.startsWith("pod-security"))).toEqual([]);
    // The Profile Berth made is taken back; the namespace stays as its maker left it.
    expect(await getProfile(name)).toBeNull();
    expect(namespace?.annotations.owner).toBe(owner);
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).status).toBe("FAILED");
    const [failure] = await eventsOf(id, "profile.apply_failed");
    expect(failure?.reason).toContain("does not belong to this workspace's Profile");
  });
});
