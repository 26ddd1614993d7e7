// The admin queue: filters, what a decision needs to see, and who may look at it.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ForbiddenError } from "@/lib/model/errors";
import { actor, confirmByReconciler, testTier, uniqueName } from "@/test/fixtures";
import { approveWorkspace } from "./decide";
import { listApprovalQueue, listPendingRenewals, QUEUE_PAGE_SIZE } from "./queue";
import { requestWorkspace } from "./request";

describe("approval queue", () => {
  it("filters by tier, requester and age, and shows tier maximums, approvals so far and the requester's workspaces", async () => {
    const ada = await actor("ada.queue@example.com");
    const grace = await actor("grace.queue@example.com", ["requester", "admin"]);
    const katherine = await actor("katherine.queue@example.com", ["requester", "admin"]);
    const tier = await testTier({ approvalsRequired: 2, maxHard: { "requests.cpu": "8" } });
    const activeName = uniqueName();
    const active = await requestWorkspace(ada, { name: activeName, tier: "small-cpu", reason: "first" });
    await approveWorkspace(grace, { workspaceId: active.id });
    await confirmByReconciler(activeName);
    const old = await requestWorkspace(ada, { name: uniqueName(), tier, reason: "old", "quota.requests.cpu": "6", justification: "More cores." });
    const fresh = await requestWorkspace(ada, { name: uniqueName(), tier, reason: "fresh" });
    await db.workspace.update({ where: { id: old.id }, data: { createdAt: new Date(Date.now() - 3 * 24 * 60 * 60 * 1000) } });
    await approveWorkspace(grace, { workspaceId: old.id });

    const byTier = await listApprovalQueue(katherine, { tier });
    expect(byTier.map((r) => r.id).sort()).toEqual([old.id, fresh.id].sort());
    const item = byTier.find((r) => r.id === old.id);
    expect(item).toMatchObject({
      customJustification: "More cores.",
      hard: { "requests.cpu": "6" },
      approvedBy: ["grace.queue@example.com"],
      approvedByMe: false,
      requestedByMe: false,
      tier: { approvalsRequired: 2, hard: { "requests.cpu": "4" }, maxHard: { "requests.cpu": "8" } },
    });
    expect(item?.otherWorkspaces.map((w) => w.status)).toEqual(["ACTIVE"]);
    expect((await listApprovalQueue(grace, { tier })).find((r) => r.id === old.id)?.approvedByMe).toBe(true);

    expect((await listApprovalQueue(katherine, { tier, minAgeDays: 2 })).map((r) => r.id)).toEqual([old.id]);
    expect((await listApprovalQueue(katherine, { requester: "ADA.QUEUE@" })).map((r) => r.id).sort()).toEqual([old.id, fresh.id].sort());
    expect(await listApprovalQueue(katherine, { requester: "nobody.queue@" })).toEqual([]);
  });

  it.each([
    ["a requester", ["requester"] as const],
    ["an auditor", ["requester", "auditor"] as const],
  ])("is refused to %s, as are pending renewals (THREATS 2, 6)", async (_who, roles) => {
    const intruder = await actor(`intruder-queue-${roles.length}@example.com`, [...roles]);
    await expect(listApprovalQueue(intruder, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listPendingRenewals(intruder, {})).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("approval queue size", () => {
  it("shows the oldest requests first and never more than a page, whatever the queue's length", async () => {
    const grace = await actor("grace.queuesize@example.com", ["requester", "admin"]);
    const ada = await actor("ada.queuesize@example.com");
    const tier = await testTier();
    const { id: tierId, hard } = await db.quotaTier.findUniqueOrThrow({ where: { slug: tier }, select: { id: true, hard: true } });
    const start = Date.now() - 1_000_000;
    await db.workspace.createMany({
      data: Array.from({ length: QUEUE_PAGE_SIZE + 5 }, (_, i) => ({
        name: `${uniqueName("bulk")}-${i}`,
        reason: "bulk",
        requesterId: ada.actor.userId,
        ownerEmail: ada.actor.email,
        tierId,
        hard: hard ?? {},
        createdAt: new Date(start + i * 1000),
      })),
    });
    const page = await listApprovalQueue(grace, { tier });
    expect(page).toHaveLength(QUEUE_PAGE_SIZE);
    const times = page.map((r) => r.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBe(start);
    expect(page.every((r) => r.otherWorkspaces.length <= 10)).toBe(true);
  });
});
