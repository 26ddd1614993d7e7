// Expiry and renewal against the real database. Rows are moved back in time rather than
// the clock forward, so these jobs never touch other tests' (fresh) rows in the shared database.
import { describe, expect, it } from "vitest";
import { workflowConfigFromEnv } from "@/lib/config";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/model/errors";
import { runWorkflowJobs } from "@/lib/jobs/workflow-jobs";
import { reconcileOnce } from "@/lib/cluster/reconciler";
import { getProfile } from "@/lib/kube/profiles";
import { actor, confirmByReconciler, profileApplies, testTier, uniqueName } from "@/test/fixtures";
import { approveWorkspace } from "./decide";
import { approveRenewal, requestRenewal } from "./renew";
import { requestWorkspace } from "./request";

const DAY = 24 * 60 * 60 * 1000;
const config = { ...workflowConfigFromEnv({}), webhookUrl: undefined };
const eventsOf = (id: string, action: string) => db.auditEvent.findMany({ where: { targetId: id, action } });
const notificationsOf = (id: string, event: string) =>
  db.notification.count({ where: { event, payload: { path: ["berth", "workspace", "id"], equals: id } } });

async function activeWorkspace(ownerEmail: string, tier: string) {
  const owner = await actor(ownerEmail);
  const admin = await actor(`admin.${ownerEmail}`, ["requester", "admin"]);
  const name = uniqueName();
  const { id } = await requestWorkspace(owner, { name, tier, reason: "r" });
  await approveWorkspace(admin, { workspaceId: id });
  await confirmByReconciler(name);
  return { owner, id };
}

/** Moves a workspace's end date to `days` from now: inside the 7-day renewal window when below 7. */
async function endsIn(id: string, days: number): Promise<Date> {
  const expiresAt = new Date(Date.now() + days * DAY);
  await db.workspace.update({ where: { id }, data: { expiresAt } });
  return expiresAt;
}

describe("expiry jobs", () => {
  it("expires a pending request after the configured time, once, audited and notified", async () => {
    const ada = await actor("ada.ttl@example.com");
    const { id } = await requestWorkspace(ada, { name: uniqueName(), tier: "small-cpu", reason: "r" });
    await db.workspace.update({ where: { id }, data: { createdAt: new Date(Date.now() - 8 * DAY) } });
    await runWorkflowJobs(new Date(), config);
    await runWorkflowJobs(new Date(), config);
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).status).toBe("EXPIRED");
    expect(await eventsOf(id, "workspace.request_expired")).toHaveLength(1);
    expect(await notificationsOf(id, "request.expired")).toBe(1);
  });

  it("leaves a younger pending request alone", async () => {
    const ada = await actor("ada.ttlyoung@example.com");
    const { id } = await requestWorkspace(ada, { name: uniqueName(), tier: "small-cpu", reason: "r" });
    await db.workspace.update({ where: { id }, data: { createdAt: new Date(Date.now() - 6 * DAY) } });
    await runWorkflowJobs(new Date(), config);
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
  });

  it("tells the owner once that the end date is near, then expires the workspace at its end date", async () => {
    const tier = await testTier({ lifetimeDays: 30 });
    const { id } = await activeWorkspace("ada.end@example.com", tier);
    await db.workspace.update({ where: { id }, data: { expiresAt: new Date(Date.now() + 3 * DAY) } });
    await runWorkflowJobs(new Date(), config);
    await runWorkflowJobs(new Date(), config);
    expect(await eventsOf(id, "workspace.expiry_notice")).toHaveLength(1);
    expect(await notificationsOf(id, "workspace.expiry_soon")).toBe(1);
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).status).toBe("ACTIVE");

    await db.workspace.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const report = await runWorkflowJobs(new Date(), config);
    expect(report.expiredWorkspaces).toContain(id);
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).status).toBe("EXPIRED");
    expect(await eventsOf(id, "workspace.expired")).toHaveLength(1);
    expect(await notificationsOf(id, "workspace.expired")).toBe(1);
  });

  it("a tier without a lifetime gives workspaces no end date", async () => {
    const tier = await testTier({ lifetimeDays: null });
    const { id } = await activeWorkspace("ada.forever@example.com", tier);
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).expiresAt).toBeNull();
  });
});

describe("renewal", () => {
  it("on a one-approval tier the owner renews at once, from the old end date", async () => {
    const tier = await testTier({ lifetimeDays: 30 });
    const { owner, id } = await activeWorkspace("ada.renew1@example.com", tier);
    const before = await endsIn(id, 3);
    const outcome = await requestRenewal(owner, { workspaceId: id, reason: "Still training." });
    expect(outcome).toEqual({ status: "RENEWED", expiresAt: new Date(before.getTime() + 30 * DAY) });
    expect(await eventsOf(id, "workspace.renewed")).toHaveLength(1);
  });

  it("only inside the notice window, saying when it opens (a renewal loop cannot push the end date out)", async () => {
    const tier = await testTier({ lifetimeDays: 90 });
    const { owner, id } = await activeWorkspace("ada.renewloop@example.com", tier);
    const end = (await db.workspace.findUniqueOrThrow({ where: { id } })).expiresAt as Date;
    const opens = new Date(end.getTime() - 7 * DAY).toISOString().slice(0, 10);
    const attempts = await Promise.allSettled(Array.from({ length: 20 }, () => requestRenewal(owner, { workspaceId: id, reason: "again" })));
    expect(attempts.every((a) => a.status === "rejected" && a.reason instanceof ConflictError && a.reason.message.includes(opens))).toBe(true);
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).expiresAt).toEqual(end);
    expect(await eventsOf(id, "workspace.renewed")).toHaveLength(0);
  });

  it("once per window, by one lifetime from the current end date", async () => {
    // A lifetime shorter than the window: the new end date is inside the window again.
    const tier = await testTier({ lifetimeDays: 5 });
    const { owner, id } = await activeWorkspace("ada.renewonce@example.com", tier);
    const end = await endsIn(id, 2);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => requestRenewal(owner, { workspaceId: id, reason: "more" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason.message).toMatch(/already renewed on \d{4}-\d{2}-\d{2}/);
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).expiresAt).toEqual(new Date(end.getTime() + 5 * DAY));
  });

  it("on a two-approval tier it needs two admins again, neither the owner", async () => {
    const tier = await testTier({ approvalsRequired: 2, lifetimeDays: 30 });
    const owner = await actor("grace.renew2@example.com", ["requester", "admin"]);
    const [a, b] = await Promise.all([actor("a.renew2@example.com", ["requester", "admin"]), actor("b.renew2@example.com", ["requester", "admin"])]);
    const name = uniqueName();
    const { id } = await requestWorkspace(owner, { name, tier, reason: "r" });
    await approveWorkspace(a, { workspaceId: id });
    await approveWorkspace(b, { workspaceId: id });
    await confirmByReconciler(name);
    await endsIn(id, 3);

    expect(await requestRenewal(owner, { workspaceId: id, reason: "More time." })).toEqual({ status: "AWAITING_APPROVAL", approvals: 0 });
    await expect(requestRenewal(owner, { workspaceId: id, reason: "again" })).rejects.toBeInstanceOf(ConflictError);
    await expect(approveRenewal(owner, { workspaceId: id })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await approveRenewal(a, { workspaceId: id })).toEqual({ status: "AWAITING_APPROVAL", approvals: 1 });
    await expect(approveRenewal(a, { workspaceId: id })).rejects.toBeInstanceOf(ConflictError);
    expect((await approveRenewal(b, { workspaceId: id })).status).toBe("RENEWED");
    await expect(approveRenewal(b, { workspaceId: id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses other people's workspaces as not found, and expired ones as a conflict", async () => {
    const tier = await testTier({ lifetimeDays: 30 });
    const { owner, id } = await activeWorkspace("ada.renew3@example.com", tier);
    const bob = await actor("bob.renew3@example.com");
    await expect(requestRenewal(bob, { workspaceId: id, reason: "mine now" })).rejects.toBeInstanceOf(NotFoundError);
    await db.workspace.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(requestRenewal(owner, { workspaceId: id, reason: "late" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("a requester or auditor cannot approve renewals (THREATS 2, 6)", async () => {
    const tier = await testTier({ approvalsRequired: 2, lifetimeDays: 30 });
    const { id } = await activeWorkspace("ada.renew4@example.com", tier);
    const auditor = await actor("alan.renew4@example.com", ["requester", "auditor"]);
    const requester = await actor("eve.renew4@example.com");
    await expect(approveRenewal(auditor, { workspaceId: id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(approveRenewal(requester, { workspaceId: id })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("expiry and the cluster", () => {
  it("holds an expired workspace in the cluster with a zero-pod quota, keeping its Profile and its name", async () => {
    const tier = await testTier({ lifetimeDays: 30 });
    const { id } = await activeWorkspace("ada.hold@example.com", tier);
    const { name } = await db.workspace.findUniqueOrThrow({ where: { id } });
    await db.workspace.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await runWorkflowJobs(new Date(), config);
    await reconcileOnce();

    const profile = await getProfile(name);
    expect(profile?.spec?.resourceQuotaSpec?.hard?.pods).toBe("0");
    expect(profile?.metadata.annotations?.["berth.io/suspended"]).toBe("true");
    expect(await db.workspace.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "EXPIRED" });
    const bob = await actor("bob.hold@example.com");
    await expect(requestWorkspace(bob, { name, tier: "small-cpu", reason: "mine now?" })).rejects.toMatchObject({
      fieldErrors: { name: [expect.stringMatching(/already requested or in use/)] },
    });
  });

  it("never applies a request that expired while pending, and frees its name", async () => {
    const ada = await actor("ada.lapsed@example.com");
    const name = uniqueName();
    const { id } = await requestWorkspace(ada, { name, tier: "small-cpu", reason: "r" });
    await db.workspace.update({ where: { id }, data: { createdAt: new Date(Date.now() - 8 * DAY) } });
    await runWorkflowJobs(new Date(), config);
    await reconcileOnce();
    expect(await profileApplies(name)).toBe(0);
    expect(await getProfile(name)).toBeNull();
    const bob = await actor("bob.lapsed@example.com");
    await expect(requestWorkspace(bob, { name, tier: "small-cpu", reason: "free again" })).resolves.toHaveProperty("id");
  });
});
