// Approval policy: two distinct admins on two-approval tiers, quota edits capped by the
// tier's maximum unless overridden (audited), and races on both approvals (THREATS 25).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/model/errors";
import { getProfile } from "@/lib/kube/profiles";
import { actor, confirmByReconciler, profileApplies, testTier, uniqueName } from "@/test/fixtures";
import { approveWorkspace } from "./decide";
import { requestWorkspace } from "./request";

const actions = async (id: string) => (await db.auditEvent.findMany({ where: { targetId: id }, orderBy: { seq: "asc" } })).map((e) => e.action);

describe("two-approval tiers", () => {
  it("the first approval is recorded and visible, the second by another admin applies the Profile", async () => {
    const ada = await actor("ada.two@example.com");
    const grace = await actor("grace.two@example.com", ["requester", "admin"]);
    const katherine = await actor("katherine.two@example.com", ["requester", "admin"]);
    const tier = await testTier({ approvalsRequired: 2, lifetimeDays: 30 });
    const name = uniqueName();
    const { id } = await requestWorkspace(ada, { name, tier, reason: "r" });

    expect(await approveWorkspace(grace, { workspaceId: id })).toEqual({ status: "AWAITING_APPROVAL", approvals: 1, required: 2 });
    expect(await profileApplies(name)).toBe(0);
    await expect(approveWorkspace(grace, { workspaceId: id })).rejects.toThrow("You have already approved this request; a second admin has to approve it too.");

    const now = new Date();
    expect((await approveWorkspace(katherine, { workspaceId: id }, { now })).status).toBe("PROVISIONING");
    expect(await profileApplies(name)).toBe(1);
    await confirmByReconciler(name);
    const row = await db.workspace.findUniqueOrThrow({ where: { id } });
    expect(row.decidedById).toBe(katherine.actor.userId);
    // The lifetime counts from the moment the cluster confirmed the workspace, not from the approval.
    expect(row.expiresAt?.getTime()).toBe((row.appliedAt?.getTime() ?? 0) + 30 * 24 * 60 * 60 * 1000);
    expect(row.appliedAt!.getTime()).toBeGreaterThanOrEqual(now.getTime());
    // The refused second approval by the same admin is part of the trail too.
    expect(await actions(id)).toEqual(["workspace.requested", "workspace.approval_recorded", "action.failed", "workspace.approved", "profile.applied", "profile.confirmed"]);
    expect(await db.notification.count({ where: { event: "request.approved", payload: { path: ["berth", "workspace", "id"], equals: id } } })).toBe(1);
  });

  it("the requester cannot be one of the two approvers (THREATS 7)", async () => {
    const grace = await actor("grace.twoself@example.com", ["requester", "admin"]);
    const katherine = await actor("katherine.twoself@example.com", ["requester", "admin"]);
    const tier = await testTier({ approvalsRequired: 2 });
    const { id } = await requestWorkspace(grace, { name: uniqueName(), tier, reason: "r" });
    await approveWorkspace(katherine, { workspaceId: id });
    await expect(approveWorkspace(grace, { workspaceId: id })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
  });

  it("many admins approving a two-approval request at once: exactly one transition and one apply (THREATS 25)", async () => {
    const ada = await actor("ada.tworace@example.com");
    const admins = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => actor(`admin${i}.tworace@example.com`, ["requester", "admin"])));
    const tier = await testTier({ approvalsRequired: 2 });
    const name = uniqueName();
    const { id } = await requestWorkspace(ada, { name, tier, reason: "r" });
    const results = await Promise.allSettled(admins.map((admin) => approveWorkspace(admin, { workspaceId: id })));
    const outcomes = results.filter((r) => r.status === "fulfilled").map((r) => r.value.status);
    expect(outcomes.sort()).toEqual(["AWAITING_APPROVAL", "PROVISIONING"]);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(ConflictError);
    expect(await profileApplies(name)).toBe(1);
    expect((await actions(id)).filter((a) => a === "workspace.approved")).toHaveLength(1);
    expect(await db.workspaceApproval.count({ where: { workspaceId: id } })).toBe(2);
  });
});

describe("quota edits at approval", () => {
  it("an edit within the tier's maximum is applied and audited with before and after", async () => {
    const ada = await actor("ada.edit@example.com");
    const grace = await actor("grace.edit@example.com", ["requester", "admin"]);
    const tier = await testTier({ maxHard: { "requests.cpu": "8" } });
    const name = uniqueName();
    const { id } = await requestWorkspace(ada, { name, tier, reason: "r" });
    await approveWorkspace(grace, { workspaceId: id, "quota.requests.cpu": "6" });
    expect((await getProfile(name))?.spec?.resourceQuotaSpec?.hard).toMatchObject({ "requests.cpu": "6" });
    const edit = await db.auditEvent.findFirstOrThrow({ where: { targetId: id, action: "workspace.quota_edited" } });
    expect(edit.before).toMatchObject({ hard: { "requests.cpu": "4" } });
    expect(edit.after).toMatchObject({ hard: { "requests.cpu": "6" } });
  });

  it("above the maximum is refused without override and changes nothing; with override it needs a second admin and is audited as such (THREATS 19)", async () => {
    const ada = await actor("ada.over@example.com");
    const grace = await actor("grace.over@example.com", ["requester", "admin"]);
    const katherine = await actor("katherine.over@example.com", ["requester", "admin"]);
    const tier = await testTier({ maxHard: { "requests.cpu": "8" } });
    const name = uniqueName();
    const { id } = await requestWorkspace(ada, { name, tier, reason: "r" });
    await expect(approveWorkspace(grace, { workspaceId: id, "quota.requests.cpu": "12" })).rejects.toMatchObject({
      fieldErrors: { "quota.requests.cpu": ["CPU requests (cores): 12 is above the tier's maximum (8)."] },
    });
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
    await expect(approveWorkspace(grace, { workspaceId: id, "quota.requests.nvidia.com/gpu": "1" })).rejects.toBeInstanceOf(ValidationError);
    // Even an override stays within Berth's sanity caps.
    await expect(approveWorkspace(grace, { workspaceId: id, "quota.requests.cpu": "5000", override: "on" })).rejects.toMatchObject({
      fieldErrors: { "quota.requests.cpu": ["CPU requests (cores): 5000 is above the cap Berth allows."] },
    });

    // One admin's override is only half of it: above the maximum takes two.
    expect(await approveWorkspace(grace, { workspaceId: id, "quota.requests.cpu": "12", override: "on" })).toEqual({ status: "AWAITING_APPROVAL", approvals: 1, required: 2 });
    expect(await profileApplies(name)).toBe(0);
    await expect(approveWorkspace(katherine, { workspaceId: id })).rejects.toBeInstanceOf(ValidationError);
    await approveWorkspace(katherine, { workspaceId: id, override: "on" });
    await confirmByReconciler(name);
    const row = await db.workspace.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "ACTIVE", quotaOverride: true });
    expect((await getProfile(name))?.spec?.resourceQuotaSpec?.hard).toMatchObject({ "requests.cpu": "12" });
    const override = await db.auditEvent.findFirstOrThrow({ where: { targetId: id, action: "workspace.quota_overridden" }, orderBy: { seq: "asc" } });
    expect(override).toMatchObject({ actorEmail: "grace.over@example.com" });
    expect(override.after).toMatchObject({ aboveTierMaximum: ["requests.cpu"] });
  });

  it("a custom request above the tier's maximum needs the override too", async () => {
    const ada = await actor("ada.customover@example.com");
    const grace = await actor("grace.customover@example.com", ["requester", "admin"]);
    const tier = await testTier({ maxHard: { "requests.cpu": "8" } });
    const { id } = await requestWorkspace(ada, { name: uniqueName(), tier, reason: "r", "quota.requests.cpu": "16", justification: "big" });
    await expect(approveWorkspace(grace, { workspaceId: id })).rejects.toBeInstanceOf(ValidationError);
    await expect(approveWorkspace(grace, { workspaceId: id, override: "on" })).resolves.toMatchObject({ status: "AWAITING_APPROVAL", required: 2 });
  });

  it("a tampered owner on approval is refused; the Profile's owner is the requester's verified email (THREATS 4, 5)", async () => {
    const ada = await actor("ada.approveextra@example.com");
    const grace = await actor("grace.approveextra@example.com", ["requester", "admin"]);
    const name = uniqueName();
    const { id } = await requestWorkspace(ada, { name, tier: "small-cpu", reason: "r" });
    for (const field of ["owner", "requester", "ownerEmail"]) {
      await expect(approveWorkspace(grace, { workspaceId: id, [field]: "mallory@example.com" })).rejects.toMatchObject({
        fieldErrors: { [field]: [`Unknown field "${field}".`] },
      });
    }
    expect(await profileApplies(name)).toBe(0);
    await approveWorkspace(grace, { workspaceId: id });
    expect((await getProfile(name))?.spec?.owner).toEqual({ kind: "User", name: "ada.approveextra@example.com" });
  });
});
