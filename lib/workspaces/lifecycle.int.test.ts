// Admin operations on active workspaces against the API stand-in: suspend/resume, quota edits
// (with the usage warning), decommission, owner transfer; each audited with before/after.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/model/errors";
import { getNamespace, namespaceExists } from "@/lib/kube/namespaces";
import { getProfile } from "@/lib/kube/profiles";
import { getQuota } from "@/lib/kube/resource-quotas";
import { reconcileOnce } from "@/lib/cluster/reconciler";
import { actor, approvedWorkspace, standIn } from "@/test/fixtures";
import { decommissionWorkspace, reapplyWorkspace, resumeWorkspace, suspendWorkspace } from "./lifecycle";
import { editWorkspaceQuota, transferWorkspaceOwner } from "./quota-edit";

async function version(id: string) {
  return (await db.workspace.findUniqueOrThrow({ where: { id } })).version;
}
/** The quota form as the page sends it: every current limit, with `changes` on top. */
async function quotaForm(id: string, changes: Record<string, string>): Promise<Record<string, string>> {
  const { hard } = await db.workspace.findUniqueOrThrow({ where: { id }, select: { hard: true } });
  return Object.fromEntries(Object.entries({ ...(hard as Record<string, string>), ...changes }).map(([key, value]) => [`quota.${key}`, value]));
}
async function lastEvent(id: string, action: string) {
  return db.auditEvent.findFirst({ where: { targetId: id, action }, orderBy: { seq: "desc" } });
}

beforeEach(async () => {
  await standIn.clearFaults();
  await standIn.clearRequests();
});
afterEach(() => standIn.clearFaults());

describe("suspend and resume", () => {
  it("suspending keeps every limit but allows zero pods and annotates the Profile; resume restores the quota", async () => {
    const { id, name, admin } = await approvedWorkspace();
    const before = (await getQuota(name))!.hard;
    expect(await suspendWorkspace(admin, { workspaceId: id, version: await version(id), reason: "mining crypto" })).toMatchObject({ status: "SUSPENDED" });
    const suspended = await getQuota(name);
    expect(suspended?.hard).toEqual({ ...before, pods: "0" });
    expect((await getProfile(name))?.metadata.annotations?.["berth.io/suspended"]).toBe("true");
    expect(await lastEvent(id, "workspace.suspended")).toMatchObject({ reason: "mining crypto", actorEmail: admin.actor.email });

    expect(await resumeWorkspace(admin, { workspaceId: id, version: await version(id), reason: "explained" })).toMatchObject({ status: "ACTIVE" });
    expect((await getQuota(name))?.hard).toEqual(before);
    expect((await getProfile(name))?.metadata.annotations?.["berth.io/suspended"]).toBeUndefined();
    expect(await lastEvent(id, "workspace.resumed")).toMatchObject({ reason: "explained" });
  });

  it("a stale form (old version) is refused as a conflict and changes nothing (THREATS 26)", async () => {
    const { id, admin } = await approvedWorkspace();
    const stale = await version(id);
    await suspendWorkspace(admin, { workspaceId: id, version: stale, reason: "first" });
    await expect(resumeWorkspace(admin, { workspaceId: id, version: stale, reason: "second" })).rejects.toBeInstanceOf(ConflictError);
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).status).toBe("SUSPENDED");
  });

  it("says in plain words which workspaces can be suspended or resumed", async () => {
    const { id, admin } = await approvedWorkspace();
    await expect(resumeWorkspace(admin, { workspaceId: id, version: await version(id), reason: "x" })).rejects.toThrow("Only a suspended workspace can be resumed.");
    await suspendWorkspace(admin, { workspaceId: id, version: await version(id), reason: "x" });
    await expect(suspendWorkspace(admin, { workspaceId: id, version: await version(id), reason: "x" })).rejects.toThrow("Only an active workspace can be suspended.");
  });
});

describe("quota edits", () => {
  it("accepts a limit below current usage with a warning, records before/after, and the cluster follows (THREATS 34)", async () => {
    const { id, name, admin } = await approvedWorkspace();
    await standIn.setQuotaUsed(name, { pods: "6", "requests.cpu": "1500m" });
    const result = await editWorkspaceQuota(admin, {
      workspaceId: id,
      version: String(await version(id)),
      reason: "shrink",
      ...(await quotaForm(id, { "requests.cpu": "1", "requests.memory": "4Gi", pods: "3" })),
    });
    if (!("outcome" in result)) throw new Error("a decrease applies at once");
    expect(result.outcome.status).toBe("ACTIVE");
    expect(result.warnings).toEqual([
      { key: "requests.cpu", limit: "1", used: "1500m" },
      { key: "pods", limit: "3", used: "6" },
    ]);
    expect((await getQuota(name))?.hard).toMatchObject({ "requests.cpu": "1", "requests.memory": "4Gi", pods: "3", "limits.cpu": "4" });
    const event = await lastEvent(id, "workspace.quota_changed");
    expect(event?.before).toMatchObject({ hard: { "requests.cpu": "2", pods: "10" } });
    expect(event?.after).toMatchObject({ hard: { pods: "3" }, belowUsage: [{ key: "requests.cpu" }, { key: "pods" }] });
  });

  it("two admins editing at once: the second sees a conflict, no lost update (THREATS 26)", async () => {
    const { id, admin } = await approvedWorkspace();
    const v = String(await version(id));
    const forms = await Promise.all(["1", "500m"].map((cpu) => quotaForm(id, { "requests.cpu": cpu })));
    const results = await Promise.allSettled(forms.map((form) => editWorkspaceQuota(admin, { workspaceId: id, version: v, reason: "race", ...form })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected?.status === "rejected" && rejected.reason).toBeInstanceOf(ConflictError);
  });

  it("refuses an empty quota, bad quantities and unknown fields (THREATS 19, 4)", async () => {
    const { id, admin } = await approvedWorkspace();
    const v = String(await version(id));
    await expect(editWorkspaceQuota(admin, { workspaceId: id, version: v, reason: "x" })).rejects.toBeInstanceOf(ValidationError);
    await expect(editWorkspaceQuota(admin, { workspaceId: id, version: v, reason: "x", "quota.pods": "-1" })).rejects.toBeInstanceOf(ValidationError);
    await expect(editWorkspaceQuota(admin, { workspaceId: id, version: v, reason: "x", "quota.pods": "1", owner: "m@x" })).rejects.toBeInstanceOf(ValidationError);
    expect(await version(id)).toBe(Number(v));
  });

  it("puts each bad value's message on its own field, parsed like every other quota form", async () => {
    const { id, admin } = await approvedWorkspace();
    const v = String(await version(id));
    const refusal = editWorkspaceQuota(admin, { workspaceId: id, version: v, reason: "x", "quota.pods": "-1", "quota.requests.cpu": "10GB", "quota.requests.memory": "4Gi" });
    await expect(refusal).rejects.toMatchObject({ fieldErrors: { "quota.pods": [expect.stringMatching(/^Pods: /)], "quota.requests.cpu": [expect.stringMatching(/^CPU/)] } });
    await expect(editWorkspaceQuota(admin, { workspaceId: id, version: v, reason: "x" })).rejects.toMatchObject({ fieldErrors: { quota: ["A quota needs at least one limit."] } });
    // The bare key of the old quota-edit form is an unknown field now, like on every other form.
    await expect(editWorkspaceQuota(admin, { workspaceId: id, version: v, reason: "x", pods: "3" })).rejects.toMatchObject({ fieldErrors: { pods: ['Unknown field "pods".'] } });
  });
});

describe("changes overtaking an apply in flight", () => {
  it("an older apply that lands after a newer one is followed by the newest state again", async () => {
    const { id, name, admin } = await approvedWorkspace();
    await standIn.clearRequests();
    await standIn.injectFault({ method: "PATCH", pathPrefix: "/apis/kubeflow.org/v1/profiles/", count: 1, delayMs: 1_500 });
    const slowEdit = editWorkspaceQuota(admin, { workspaceId: id, version: String(await version(id)), reason: "slow", ...(await quotaForm(id, { pods: "5" })) });
    // The edit has committed and read the Profile; its apply follows at once and is held by the stand-in…
    await expect.poll(async () => (await standIn.requests()).some((r) => r.method === "GET" && r.path.endsWith(`/profiles/${name}`))).toBe(true);
    await suspendWorkspace(admin, { workspaceId: id, version: await version(id), reason: "fast" });
    const slow = await slowEdit;
    expect("outcome" in slow && slow.outcome.status).toBe("BUSY");
    await reconcileOnce({ now: new Date(Date.now() + 10 * 60_000) });
    expect((await getQuota(name))?.hard.pods).toBe("0");
    const row = await db.workspace.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "SUSPENDED", hard: { pods: "5" } });
    expect(row.appliedGeneration).toBe(row.generation);
  });
});

describe("decommission", () => {
  it("needs the exact name typed; then deletes the Profile and namespace but keeps the record and its history", async () => {
    const { id, name, admin } = await approvedWorkspace();
    const v = await version(id);
    await expect(decommissionWorkspace(admin, { workspaceId: id, version: v, reason: "done", confirmName: `${name}x` })).rejects.toMatchObject({
      fieldErrors: { confirmName: [expect.stringContaining(name)] },
    });
    expect(await getProfile(name)).not.toBeNull();
    // The namespace goes after the Profile, once emptied: until then the deletion is not confirmed.
    await standIn.setNamespaceTermination({ hold: true });
    try {
      expect(await decommissionWorkspace(admin, { workspaceId: id, version: v, reason: "done", confirmName: name })).toMatchObject({
        status: "PROVISIONING",
        step: `the Profile is deleted; its namespace "${name}" is still being deleted (Terminating since ${(await getNamespace(name))?.deletionTimestamp})`,
      });
      expect(await getProfile(name)).toBeNull();
    } finally {
      await standIn.setNamespaceTermination({ hold: false, delayMs: 0 });
    }
    await expect.poll(() => namespaceExists(name)).toBe(false);
    await reconcileOnce({ now: new Date(Date.now() + 10 * 60_000) });
    const row = await db.workspace.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("DECOMMISSIONED");
    expect(row.appliedGeneration).toBe(row.generation);
    const actions = (await db.auditEvent.findMany({ where: { targetId: id }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions.slice(-2)).toEqual(["workspace.decommissioned", "profile.deleted"]);
  });
});

describe("owner transfer", () => {
  it("moves the Profile to another signed-in user's verified email, audited; unknown emails are refused", async () => {
    const { id, name, admin } = await approvedWorkspace();
    const bob = await actor(`bob.${name}@example.com`);
    await expect(
      transferWorkspaceOwner(admin, { workspaceId: id, version: await version(id), reason: "x", newOwnerEmail: "nobody@example.com" }),
    ).rejects.toBeInstanceOf(ValidationError);
    await transferWorkspaceOwner(admin, { workspaceId: id, version: await version(id), reason: "team change", newOwnerEmail: bob.actor.email });
    expect((await getProfile(name))?.spec?.owner?.name).toBe(bob.actor.email);
    expect(await lastEvent(id, "workspace.owner_transferred")).toMatchObject({ after: { owner: bob.actor.email } });
  });
});

describe("who may operate (THREATS 2, 6)", () => {
  it.each([
    ["a requester", ["requester"] as const],
    ["an auditor", ["requester", "auditor"] as const],
  ])("%s is refused every operation by id; nothing changes; each denial is audited", async (_who, roles) => {
    const { id, name } = await approvedWorkspace();
    const intruder = await actor(`intruder.${name}@example.com`, [...roles]);
    const v = await version(id);
    const attempts = [
      () => suspendWorkspace(intruder, { workspaceId: id, version: v, reason: "x" }),
      () => resumeWorkspace(intruder, { workspaceId: id, version: v, reason: "x" }),
      () => decommissionWorkspace(intruder, { workspaceId: id, version: v, reason: "x", confirmName: name }),
      () => reapplyWorkspace(intruder, { workspaceId: id }),
      () => editWorkspaceQuota(intruder, { workspaceId: id, version: v, reason: "x", "quota.pods": "1000" }),
      () => transferWorkspaceOwner(intruder, { workspaceId: id, version: v, reason: "x", newOwnerEmail: intruder.actor.email }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(ForbiddenError);
    expect(await version(id)).toBe(v);
    expect(await getProfile(name)).not.toBeNull();
    expect(await db.auditEvent.count({ where: { action: "auth.denied", actorEmail: intruder.actor.email } })).toBe(6);
  });
});

describe("removing a quota limit (THREATS 86)", () => {
  it("a limit left empty is refused unless the removal is confirmed, naming the field; confirmed, it is a proposal", async () => {
    const { id, admin } = await approvedWorkspace();
    const v = String(await version(id));
    const form = await quotaForm(id, {});
    delete form["quota.pods"];
    await expect(editWorkspaceQuota(admin, { workspaceId: id, version: v, reason: "drop pods", ...form })).rejects.toMatchObject({
      fieldErrors: { "quota.pods": [expect.stringMatching(/^Pods: empty removes this limit/)] },
    });
    expect(await version(id)).toBe(Number(v));
    const result = await editWorkspaceQuota(admin, { workspaceId: id, version: v, reason: "drop pods", confirmRemove: "on", ...form });
    // No limit is more power: another admin decides it.
    expect(result).toMatchObject({ proposal: { status: "PROPOSED" } });
  });
});
