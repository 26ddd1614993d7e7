// Lifetime governance against PostgreSQL and the API stand-in: the attacks an ordinary admin
// account could try after approval, each refused or held for another admin, with nothing
// reaching the cluster early (THREATS 7).
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getProfile } from "@/lib/kube/profiles";
import type { Ctx } from "@/lib/model/actor";
import { ConflictError, ForbiddenError } from "@/lib/model/errors";
import { actor, confirmByReconciler, profileApplies, standIn, testTier, uniqueName } from "@/test/fixtures";
import { approveWorkspace } from "./decide";
import { resumeWorkspace, suspendWorkspace } from "./lifecycle";
import { approveQuotaChange, askForQuotaChange, rejectQuotaChange } from "./quota-change";
import { editWorkspaceQuota, transferWorkspaceOwner } from "./quota-edit";
import { requestWorkspace } from "./request";

beforeEach(() => standIn.clearRequests());

async function admins(prefix: string) {
  const [grace, katherine, margaret] = await Promise.all(
    ["grace", "katherine", "margaret"].map((n) => actor(`${n}.${prefix}@example.com`, ["requester", "admin"])),
  );
  return { grace: grace!, katherine: katherine!, margaret: margaret! };
}

/** An active workspace requested by `owner` and approved by `approver`. */
async function activeWorkspace(owner: Ctx, approver: Ctx, tier = "small-cpu") {
  const name = uniqueName("gov");
  const { id } = await requestWorkspace(owner, { name, tier, reason: "work" });
  expect((await approveWorkspace(approver, { workspaceId: id })).status).toBe("PROVISIONING");
  await confirmByReconciler(name);
  return { id, name };
}

async function row(id: string) {
  return db.workspace.findUniqueOrThrow({ where: { id }, select: { hard: true, status: true, version: true } });
}

/** The quota form as the page sends it: every current limit, with `changes` on top. */
async function quotaForm(id: string, changes: Record<string, string>) {
  const { hard } = await row(id);
  return Object.fromEntries(Object.entries({ ...(hard as Record<string, string>), ...changes }).map(([key, value]) => [`quota.${key}`, value]));
}

async function pendingChange(workspaceId: string) {
  return db.workspaceChange.findFirstOrThrow({ where: { workspaceId, status: "PENDING" }, select: { id: true, approvalsRequired: true } });
}

describe("an admin's own workspace after another admin approved it (THREATS 7, 39)", () => {
  it("a quota escalation (1024 CPUs, GPUs on a CPU tier) is only a proposal; the owner cannot approve it; two others must", async () => {
    const { grace, katherine, margaret } = await admins("escalate");
    const { id, name } = await activeWorkspace(grace, katherine);
    const before = await row(id);
    const applies = await profileApplies(name);

    const result = await editWorkspaceQuota(grace, {
      workspaceId: id,
      version: String(before.version),
      reason: "need more",
      ...(await quotaForm(id, { "requests.cpu": "1024", "requests.nvidia.com/gpu": "64", pods: "10000" })),
    });
    expect(result).toMatchObject({ proposal: { status: "PROPOSED", required: 2, why: "above the tier's maximum" } });
    expect((await row(id)).hard).toEqual(before.hard);
    expect(await profileApplies(name)).toBe(applies);

    const change = await pendingChange(id);
    await expect(approveQuotaChange(grace, { changeId: change.id })).rejects.toBeInstanceOf(ForbiddenError);
    const refusal = await db.auditEvent.findFirst({ where: { targetId: id, action: "workspace.approve_refused" } });
    expect(refusal).toMatchObject({ actorEmail: grace.actor.email, errorCode: "self_approval" });

    expect(await approveQuotaChange(katherine, { changeId: change.id })).toMatchObject({ status: "AWAITING_APPROVAL", approvals: 1, required: 2 });
    expect(await profileApplies(name)).toBe(applies);
    const applied = await approveQuotaChange(margaret, { changeId: change.id });
    expect(applied).toMatchObject({ status: "APPLIED", outcome: { status: "ACTIVE" } });
    expect((await getProfile(name))?.spec?.resourceQuotaSpec?.hard).toMatchObject({ "requests.cpu": "1024", "requests.nvidia.com/gpu": "64" });
    const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: id, action: "workspace.quota_changed" }, orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ actorEmail: margaret.actor.email });
    expect(event.after).toMatchObject({ hard: { "requests.cpu": "1024" }, approvals: 2, proposedBy: grace.actor.email });
  });

  it("a workspace suspended by another admin cannot be resumed by its owner", async () => {
    const { grace, katherine } = await admins("resume");
    const { id } = await activeWorkspace(grace, katherine);
    await suspendWorkspace(katherine, { workspaceId: id, version: (await row(id)).version, reason: "cryptomining suspected" });
    await expect(resumeWorkspace(grace, { workspaceId: id, version: (await row(id)).version, reason: "false alarm" })).rejects.toThrow(
      "You cannot decide on a workspace you own or requested; another admin has to.",
    );
    expect((await row(id)).status).toBe("SUSPENDED");
    await resumeWorkspace(katherine, { workspaceId: id, version: (await row(id)).version, reason: "checked" });
    expect((await row(id)).status).toBe("ACTIVE");
  });

  it("nobody transfers their own workspace, or anyone's to themselves", async () => {
    const { grace, katherine } = await admins("transfer");
    const ada = await actor(`ada.transfer-${randomUUID().slice(0, 6)}@example.com`);
    const own = await activeWorkspace(grace, katherine);
    await expect(transferWorkspaceOwner(grace, { workspaceId: own.id, version: (await row(own.id)).version, reason: "x", newOwnerEmail: ada.actor.email })).rejects.toBeInstanceOf(ForbiddenError);
    const adas = await activeWorkspace(ada, katherine);
    await expect(transferWorkspaceOwner(grace, { workspaceId: adas.id, version: (await row(adas.id)).version, reason: "x", newOwnerEmail: grace.actor.email })).rejects.toThrow(
      "You cannot transfer a workspace to yourself.",
    );
  });

  it("the same person under a new issuer URL (a Dex reconfiguration) is still the requester", async () => {
    const { katherine } = await admins("issuer");
    const email = `ada.issuer-${randomUUID().slice(0, 6)}@example.com`;
    const ada = await actor(email);
    const name = uniqueName("gov");
    const { id } = await requestWorkspace(ada, { name, tier: "gpu", reason: "GPUs" });
    // The same mailbox signs in again after Dex moved: another (issuer, subject), another user row, admin rights.
    const issuer = "https://dex.example.com/v2";
    const user = await db.user.create({ data: { issuer, subject: "CiQwOGE4Njg0Yi1kYjg4", email: email.toUpperCase(), emailVerified: true, lastRoles: ["requester", "admin"] } });
    const sameAda: Ctx = { actor: { userId: user.id, issuer, subject: user.subject, email: user.email, roles: ["requester", "admin"] }, meta: { requestId: randomUUID() } };
    await expect(approveWorkspace(sameAda, { workspaceId: id })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await row(id)).status).toBe("PENDING");
    expect(await profileApplies(name)).toBe(0);
    await approveWorkspace(katherine, { workspaceId: id });
  });
});

describe("two-approval requests approve the exact quota (THREATS 39)", () => {
  it("an approver who edits the quota resets the earlier approval; the applied quota is what every live approval approved", async () => {
    const { grace, katherine } = await admins("exact");
    const ada = await actor(`ada.exact-${randomUUID().slice(0, 6)}@example.com`);
    const tier = await testTier({ approvalsRequired: 2, hard: { "requests.cpu": "2", "requests.nvidia.com/gpu": "1" }, maxHard: { "requests.nvidia.com/gpu": "8" } });
    const name = uniqueName("gov");
    const { id } = await requestWorkspace(ada, { name, tier, reason: "train" });

    expect(await approveWorkspace(grace, { workspaceId: id })).toMatchObject({ status: "AWAITING_APPROVAL", approvals: 1 });
    // Katherine raises the GPUs at approval: grace approved 1 GPU, not 8, so her approval stops counting.
    expect(await approveWorkspace(katherine, { workspaceId: id, "quota.requests.nvidia.com/gpu": "8" })).toMatchObject({ status: "AWAITING_APPROVAL", approvals: 1 });
    expect(await profileApplies(name)).toBe(0);
    const reset = await db.auditEvent.findFirstOrThrow({ where: { targetId: id, action: "workspace.approvals_reset" } });
    expect(reset.before).toMatchObject({ approvedBy: [grace.actor.email] });

    expect((await approveWorkspace(grace, { workspaceId: id })).status).toBe("PROVISIONING");
    expect((await getProfile(name))?.spec?.resourceQuotaSpec?.hard).toMatchObject({ "requests.nvidia.com/gpu": "8" });
    const live = await db.workspaceApproval.findMany({ where: { workspaceId: id, purpose: "request", supersededAt: null }, select: { hard: true } });
    expect(live.map((a) => (a.hard as Record<string, string>)["requests.nvidia.com/gpu"])).toEqual(["8", "8"]);
    const approved = await db.auditEvent.findFirstOrThrow({ where: { targetId: id, action: "workspace.approved" } });
    expect(approved.after).toMatchObject({ hard: { "requests.nvidia.com/gpu": "8" } });
  });

  it("two admins approving at once with different quotas end with one applied quota that every live approval approved", async () => {
    const { grace, katherine } = await admins("concurrent");
    const ada = await actor(`ada.concurrent-${randomUUID().slice(0, 6)}@example.com`);
    const tier = await testTier({ approvalsRequired: 2, hard: { "requests.cpu": "2", "requests.nvidia.com/gpu": "1" }, maxHard: { "requests.nvidia.com/gpu": "8" } });
    const name = uniqueName("gov");
    const { id } = await requestWorkspace(ada, { name, tier, reason: "train" });
    await Promise.allSettled([
      approveWorkspace(grace, { workspaceId: id }),
      approveWorkspace(katherine, { workspaceId: id, "quota.requests.nvidia.com/gpu": "8" }),
    ]);
    const workspace = await db.workspace.findUniqueOrThrow({ where: { id }, select: { status: true, hard: true } });
    const live = await db.workspaceApproval.findMany({ where: { workspaceId: id, purpose: "request", supersededAt: null }, select: { hard: true } });
    for (const approval of live) expect(approval.hard).toEqual(workspace.hard);
    if (workspace.status !== "PENDING") {
      expect(live).toHaveLength(2);
      expect((await getProfile(name))?.spec?.resourceQuotaSpec?.hard).toMatchObject(workspace.hard as Record<string, string>);
    } else {
      expect(await profileApplies(name)).toBe(0);
    }
  });
});

describe("the owner asks for a quota change", () => {
  it("within the tier's maximum it waits for one admin other than the owner, then the Profile follows", async () => {
    const { grace } = await admins("ask");
    const ada = await actor(`ada.ask-${randomUUID().slice(0, 6)}@example.com`);
    const tier = await testTier({ hard: { "requests.cpu": "2", pods: "10" }, maxHard: { "requests.cpu": "8" } });
    const { id, name } = await activeWorkspace(ada, grace, tier);
    const asked = await askForQuotaChange(ada, { workspaceId: id, reason: "bigger runs", ...(await quotaForm(id, { "requests.cpu": "6" })) });
    expect(asked).toMatchObject({ status: "PROPOSED", required: 1 });
    await expect(askForQuotaChange(ada, { workspaceId: id, reason: "again", ...(await quotaForm(id, { "requests.cpu": "7" })) })).rejects.toBeInstanceOf(ConflictError);
    const change = await pendingChange(id);
    expect(await approveQuotaChange(grace, { changeId: change.id })).toMatchObject({ status: "APPLIED" });
    expect((await getProfile(name))?.spec?.resourceQuotaSpec?.hard).toMatchObject({ "requests.cpu": "6", pods: "10" });
    const requested = await db.auditEvent.findFirstOrThrow({ where: { targetId: id, action: "workspace.change_requested" } });
    expect(requested).toMatchObject({ actorEmail: ada.actor.email, reason: "bigger runs" });
  });

  it("a decrease applies at once; someone else's workspace is not found; a rejection is audited with its note", async () => {
    const { grace } = await admins("decrease");
    const ada = await actor(`ada.decrease-${randomUUID().slice(0, 6)}@example.com`);
    const eve = await actor(`eve.decrease-${randomUUID().slice(0, 6)}@example.com`);
    const { id, name } = await activeWorkspace(ada, grace);
    expect(await askForQuotaChange(ada, { workspaceId: id, reason: "less", ...(await quotaForm(id, { pods: "5" })) })).toMatchObject({ status: "APPLIED" });
    expect((await getProfile(name))?.spec?.resourceQuotaSpec?.hard).toMatchObject({ pods: "5" });
    await expect(askForQuotaChange(eve, { workspaceId: id, reason: "mine", ...(await quotaForm(id, { pods: "50" })) })).rejects.toThrow("Workspace not found.");

    await askForQuotaChange(ada, { workspaceId: id, reason: "more", ...(await quotaForm(id, { pods: "8" })) });
    const change = await pendingChange(id);
    await rejectQuotaChange(grace, { changeId: change.id, note: "Use fewer pods." });
    await expect(approveQuotaChange(grace, { changeId: change.id })).rejects.toBeInstanceOf(ConflictError);
    expect((await row(id)).hard).toMatchObject({ pods: "5" });
    const rejected = await db.auditEvent.findFirstOrThrow({ where: { targetId: id, action: "workspace.change_rejected" } });
    expect(rejected).toMatchObject({ reason: "Use fewer pods.", actorEmail: grace.actor.email });
  });
});
