// Request → approve/reject → Profile, against the real PostgreSQL and the API stand-in
// through the real client.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/model/errors";
import { getProfile } from "@/lib/kube/profiles";
import { actor, profileApplies, standIn, uniqueName, confirmByReconciler } from "@/test/fixtures";
import { approveWorkspace, rejectWorkspace } from "./decide";
import { getMyWorkspace, listMyWorkspaces } from "./queries";
import { listApprovalQueue } from "./queue";
import { requestWorkspace } from "./request";

async function auditFor(workspaceId: string) {
  return db.auditEvent.findMany({ where: { targetId: workspaceId }, orderBy: { seq: "asc" } });
}

beforeEach(async () => {
  await standIn.clearFaults();
  await standIn.clearRequests();
});
afterEach(() => standIn.clearFaults());

describe("requesting a workspace", () => {
  it("creates a pending request owned by the verified email, with the tier's quota, audited in the same transaction", async () => {
    const ada = await actor("ada.req@example.com");
    const name = uniqueName();
    const { id } = await requestWorkspace(ada, { name, tier: "standard", reason: "Churn models" });

    const row = await db.workspace.findUniqueOrThrow({ where: { id }, include: { tier: true } });
    expect(row).toMatchObject({ name, status: "PENDING", ownerEmail: "ada.req@example.com", requesterId: ada.actor.userId });
    expect(row.hard).toEqual(row.tier.hard);
    const events = await auditFor(id);
    expect(events.map((e) => e.action)).toEqual(["workspace.requested"]);
    expect(events[0]).toMatchObject({ actorEmail: "ada.req@example.com", result: "success", requestId: ada.meta.requestId });
  });

  it("refuses extra fields such as status or owner and creates nothing (THREATS 4)", async () => {
    const ada = await actor("ada.extra@example.com");
    const name = uniqueName();
    const attempt = requestWorkspace(ada, { name, tier: "small-cpu", reason: "x", status: "ACTIVE", owner: "mallory@example.com" });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ fieldErrors: { status: ['Unknown field "status".'], owner: ['Unknown field "owner".'] } });
    expect(await db.workspace.count({ where: { name } })).toBe(0);
  });

  it("refuses a name that an open request already holds, and allows it again after rejection (THREATS 18)", async () => {
    const ada = await actor("ada.clash@example.com");
    const grace = await actor("grace.clash@example.com", ["requester", "admin"]);
    const name = uniqueName();
    const { id } = await requestWorkspace(ada, { name, tier: "small-cpu", reason: "first" });
    await expect(requestWorkspace(ada, { name, tier: "small-cpu", reason: "second" })).rejects.toMatchObject({
      fieldErrors: { name: [expect.stringMatching(/already requested or in use/)] },
    });
    await rejectWorkspace(grace, { workspaceId: id, note: "duplicate" });
    await expect(requestWorkspace(ada, { name, tier: "small-cpu", reason: "third" })).resolves.toHaveProperty("id");
  });

  it("lets only one of two racing requests for the same name through (THREATS 18)", async () => {
    const ada = await actor("ada.race@example.com");
    const bob = await actor("bob.race@example.com");
    const name = uniqueName();
    const results = await Promise.allSettled([
      requestWorkspace(ada, { name, tier: "small-cpu", reason: "a" }),
      requestWorkspace(bob, { name, tier: "small-cpu", reason: "b" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected?.status === "rejected" && rejected.reason).toBeInstanceOf(ValidationError);
    expect(await db.workspace.count({ where: { name } })).toBe(1);
  });

  it("refuses a name that a namespace in the cluster already uses, before anything is applied", async () => {
    const ada = await actor("ada.ns@example.com");
    const name = uniqueName("taken");
    await standIn.createNamespace(name, "someone@example.com");
    await expect(requestWorkspace(ada, { name, tier: "small-cpu", reason: "x" })).rejects.toMatchObject({
      fieldErrors: { name: [expect.stringMatching(/already exists in the cluster/)] },
    });
    expect(await db.workspace.count({ where: { name } })).toBe(0);
  });

  it("refuses a retired or unknown tier", async () => {
    const ada = await actor("ada.tier@example.com");
    await expect(requestWorkspace(ada, { name: uniqueName(), tier: "platinum", reason: "x" })).rejects.toMatchObject({
      fieldErrors: { tier: ["Choose one of the offered tiers."] },
    });
  });
});

describe("approving", () => {
  it("applies a Profile owned by the requester's verified email with the tier's quota, and records the Audit-ID", async () => {
    const ada = await actor("ada.ok@example.com");
    const grace = await actor("grace.ok@example.com", ["requester", "admin"]);
    const name = uniqueName();
    const { id } = await requestWorkspace(ada, { name, tier: "gpu", reason: "training" });

    // The approval applies the Profile and says so; the reconciler confirms the rest (namespace, quota).
    const outcome = await approveWorkspace(grace, { workspaceId: id });
    expect(outcome).toMatchObject({ status: "PROVISIONING", step: "Profile applied; waiting for the namespace" });
    await confirmByReconciler(name);

    const profile = await getProfile(name);
    expect(profile?.spec?.owner).toEqual({ kind: "User", name: "ada.ok@example.com" });
    expect(profile?.spec?.resourceQuotaSpec?.hard).toMatchObject({ "requests.nvidia.com/gpu": "2", "requests.cpu": "16" });
    expect(profile?.metadata.labels).toMatchObject({ "berth.io/workspace-id": id, "berth.io/tier": "gpu" });

    const row = await db.workspace.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "ACTIVE", decidedById: grace.actor.userId });
    const events = await auditFor(id);
    // The approval's apply (with the API's Audit-ID), then the reconciler's confirmation that it is ready.
    expect(events.map((e) => e.action)).toEqual(["workspace.requested", "workspace.approved", "profile.applied", "profile.confirmed"]);
    expect(events[2]?.kubeAuditId).toMatch(/^[0-9a-f-]{36}$/);
    expect(events[3]?.after).toMatchObject({ owner: { kind: "User", name: "ada.ok@example.com" }, generation: 1 });
    // Confirming it applied nothing again.
    expect(await profileApplies(name)).toBe(1);
  });

  it("a second approval of the same request does nothing: no second apply, no second event", async () => {
    const ada = await actor("ada.twice@example.com");
    const grace = await actor("grace.twice@example.com", ["requester", "admin"]);
    const { id } = await requestWorkspace(ada, { name: uniqueName(), tier: "small-cpu", reason: "x" });
    await approveWorkspace(grace, { workspaceId: id });
    await expect(approveWorkspace(grace, { workspaceId: id })).rejects.toBeInstanceOf(ConflictError);
    const row = await db.workspace.findUniqueOrThrow({ where: { id } });
    expect(await profileApplies(row.name)).toBe(1);
    expect((await auditFor(id)).filter((e) => e.action === "workspace.approved")).toHaveLength(1);
  });

  it("five admins approving at once produce one transition, one apply and one approval event (THREATS 25)", async () => {
    const ada = await actor("ada.burst@example.com");
    const admins = await Promise.all([1, 2, 3, 4, 5].map((i) => actor(`admin${i}.burst@example.com`, ["requester", "admin"])));
    const name = uniqueName();
    const { id } = await requestWorkspace(ada, { name, tier: "small-cpu", reason: "x" });
    const results = await Promise.allSettled(admins.map((admin) => approveWorkspace(admin, { workspaceId: id })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(ConflictError);
    expect(await profileApplies(name)).toBe(1);
    expect((await auditFor(id)).filter((e) => e.action === "workspace.approved")).toHaveLength(1);
  });

  it("an apply the API server refuses leaves the workspace failed with the reason, audited with the error code", async () => {
    const ada = await actor("ada.fail@example.com");
    const grace = await actor("grace.fail@example.com", ["requester", "admin"]);
    const name = uniqueName();
    const { id } = await requestWorkspace(ada, { name, tier: "small-cpu", reason: "x" });
    await standIn.injectFault({ method: "PATCH", pathPrefix: "/apis/kubeflow.org/v1/profiles", count: 1, status: 403 });

    const outcome = await approveWorkspace(grace, { workspaceId: id });
    expect(outcome).toMatchObject({ status: "FAILED", failure: "forbidden" });
    const row = await db.workspace.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("FAILED");
    expect(row.statusMessage).toMatch(/not allowed to write Profiles/);
    const failed = (await auditFor(id)).find((e) => e.action === "profile.apply_failed");
    expect(failed).toMatchObject({ result: "failure", errorCode: "forbidden" });
    expect(await getProfile(name)).toBeNull();
  });

  it("an unreachable API server leaves the workspace approved and provisioning with a clear message, never a claim of success (THREATS 29)", async () => {
    const ada = await actor("ada.down@example.com");
    const grace = await actor("grace.down@example.com", ["requester", "admin"]);
    const { id } = await requestWorkspace(ada, { name: uniqueName(), tier: "small-cpu", reason: "x" });
    await standIn.injectFault({ method: "GET", pathPrefix: "/apis/kubeflow.org/v1/profiles/", count: 1, mode: "reset" });
    const outcome = await approveWorkspace(grace, { workspaceId: id });
    expect(outcome).toMatchObject({ status: "PROVISIONING", failure: "unreachable" });
    const row = await db.workspace.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("PROVISIONING");
    expect(row.statusMessage).toMatch(/could not be reached.*retries automatically/);
  });

  it("does not take over a Profile of the same name that someone else created (THREATS 115)", async () => {
    const ada = await actor("ada.hijack@example.com");
    const grace = await actor("grace.hijack@example.com", ["requester", "admin"]);
    const name = uniqueName();
    const { id } = await requestWorkspace(ada, { name, tier: "small-cpu", reason: "x" });
    // Created behind Berth's back after the request passed its name check.
    const { applyProfile } = await import("@/lib/kube/profiles");
    await applyProfile({
      apiVersion: "kubeflow.org/v1",
      kind: "Profile",
      metadata: { name, labels: {}, annotations: {} },
      spec: { owner: { kind: "User", name: "mallory@example.com" }, resourceQuotaSpec: { hard: { pods: "1" } } },
    });
    const outcome = await approveWorkspace(grace, { workspaceId: id });
    expect(outcome).toMatchObject({ status: "FAILED", failure: "already_exists" });
    expect((await getProfile(name))?.spec?.owner?.name).toBe("mallory@example.com");
  });

  it("refuses an admin approving their own request, and audits the refusal (THREATS 7)", async () => {
    const grace = await actor("grace.self@example.com", ["requester", "admin"]);
    const { id } = await requestWorkspace(grace, { name: uniqueName(), tier: "small-cpu", reason: "mine" });
    await expect(approveWorkspace(grace, { workspaceId: id })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
    const refused = (await auditFor(id)).find((e) => e.action === "workspace.approve_refused");
    expect(refused).toMatchObject({ result: "denied", errorCode: "self_approval" });
  });

  it.each([
    ["a requester", ["requester"] as const],
    ["an auditor", ["requester", "auditor"] as const],
  ])("refuses %s approving or rejecting by id; nothing changes and the denial is audited (THREATS 2, 6)", async (_who, roles) => {
    const ada = await actor("ada.deny@example.com");
    const intruder = await actor(`intruder-${roles.length}@example.com`, [...roles]);
    const { id } = await requestWorkspace(ada, { name: uniqueName(), tier: "small-cpu", reason: "x" });
    await expect(approveWorkspace(intruder, { workspaceId: id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(rejectWorkspace(intruder, { workspaceId: id, note: "no" })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
    const denials = await db.auditEvent.findMany({ where: { action: "auth.denied", actorEmail: intruder.actor.email, targetId: id } });
    expect(denials).toHaveLength(2);
    await expect(listApprovalQueue(intruder, {})).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("rejecting", () => {
  it("needs a reason, records it for the requester and applies nothing", async () => {
    const ada = await actor("ada.rej@example.com");
    const grace = await actor("grace.rej@example.com", ["requester", "admin"]);
    const name = uniqueName();
    const { id } = await requestWorkspace(ada, { name, tier: "small-cpu", reason: "x" });
    await expect(rejectWorkspace(grace, { workspaceId: id, note: "   " })).rejects.toBeInstanceOf(ValidationError);
    await rejectWorkspace(grace, { workspaceId: id, note: "Use the shared project." });
    expect(await getMyWorkspace(ada, { workspaceId: id })).toMatchObject({ status: "REJECTED", decisionNote: "Use the shared project." });
    expect(await profileApplies(name)).toBe(0);
    await expect(approveWorkspace(grace, { workspaceId: id })).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("reading", () => {
  it("answers another user's workspace exactly as not found (THREATS 3)", async () => {
    const ada = await actor("ada.read@example.com");
    const bob = await actor("bob.read@example.com");
    const { id } = await requestWorkspace(ada, { name: uniqueName(), tier: "small-cpu", reason: "private" });
    await expect(getMyWorkspace(bob, { workspaceId: id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getMyWorkspace(bob, { workspaceId: "00000000-0000-4000-8000-000000000000" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getMyWorkspace(ada, { workspaceId: "not-a-uuid" })).rejects.toBeInstanceOf(NotFoundError);
    expect((await listMyWorkspaces(bob, {})).items.map((w) => w.id)).not.toContain(id);
    expect((await listMyWorkspaces(ada, {})).items.map((w) => w.id)).toContain(id);
  });
});
