// The admin queue: filters, what a decision needs to see, and who may look at it.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ForbiddenError } from "@/lib/model/errors";
import { actor, confirmByReconciler, testTier, uniqueName } from "@/test/fixtures";
import { approveWorkspace } from "./decide";
import { getQueueItem, listApprovalQueue, listPendingRenewals, OTHERS_SHOWN, QUEUE_PAGE_SIZE } from "./queue";
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

    const { items: byTier } = await listApprovalQueue(katherine, { tier });
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
    expect((await listApprovalQueue(grace, { tier })).items.find((r) => r.id === old.id)?.approvedByMe).toBe(true);

    expect((await listApprovalQueue(katherine, { tier, minAgeDays: 2 })).items.map((r) => r.id)).toEqual([old.id]);
    expect((await listApprovalQueue(katherine, { requester: "ADA.QUEUE@" })).items.map((r) => r.id).sort()).toEqual([old.id, fresh.id].sort());
    expect(await listApprovalQueue(katherine, { requester: "nobody.queue@" })).toEqual({ items: [], total: 0, page: 1, pageCount: 1 });
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
  it("pages the oldest requests first, each exactly once, and names only a few of each requester's other workspaces", async () => {
    const grace = await actor("grace.queuesize@example.com", ["requester", "admin"]);
    const ada = await actor(`ada.queuesize.${uniqueName("q")}@example.com`);
    const tier = await testTier();
    const { id: tierId, hard } = await db.quotaTier.findUniqueOrThrow({ where: { slug: tier }, select: { id: true, hard: true } });
    const start = Date.now() - 1_000_000;
    const total = 2 * QUEUE_PAGE_SIZE + 3;
    const others = OTHERS_SHOWN + 3;
    const base = uniqueName("bulk");
    await db.workspace.createMany({
      data: [
        ...Array.from({ length: total }, (_, i) => ({ name: `${base}-p${i}`, createdAt: new Date(start + i * 1000), status: "PENDING" as const })),
        ...Array.from({ length: others }, (_, i) => ({ name: `${base}-a${i}`, createdAt: new Date(start - i * 1000), status: "ACTIVE" as const })),
      ].map((row) => ({ ...row, reason: "bulk", requesterId: ada.actor.userId, ownerEmail: ada.actor.email, tierId, hard: hard ?? {} })),
    });

    const pages = await Promise.all([1, 2, 3].map((page) => listApprovalQueue(grace, { tier, page })));
    expect(pages.map((p) => [p.page, p.pageCount, p.total, p.items.length])).toEqual([
      [1, 3, total, QUEUE_PAGE_SIZE],
      [2, 3, total, QUEUE_PAGE_SIZE],
      [3, 3, total, 3],
    ]);
    const times = pages.flatMap((p) => p.items.map((r) => r.createdAt.getTime()));
    expect(times).toEqual(Array.from({ length: total }, (_, i) => start + i * 1000));
    for (const item of pages.flatMap((p) => p.items)) {
      expect(item.otherWorkspaces).toHaveLength(OTHERS_SHOWN);
      expect(item.otherWorkspaceCount).toBe(others);
    }
    // One request by (part of) its name, and one request by id wherever it is in the queue.
    const last = pages[2]!.items[2]!;
    expect((await listApprovalQueue(grace, { tier, name: last.name.toUpperCase() })).items.map((r) => r.id)).toEqual([last.id]);
    expect(await getQueueItem(grace, { workspaceId: last.id })).toMatchObject({ id: last.id, name: last.name, required: 1 });
    expect(await getQueueItem(grace, { workspaceId: "not-a-uuid" })).toBeNull();
    // Past the end (the last request of the last page was just decided): the last page, not an empty one.
    expect(await listApprovalQueue(grace, { tier, page: 99 })).toMatchObject({ page: 3, pageCount: 3 });
  });

  it("drops a page number that is not one, as it drops other filters that do not fit", async () => {
    const grace = await actor("grace.queuepage@example.com", ["requester", "admin"]);
    for (const page of ["0", "-1", "two", "1e9", "2.5"]) {
      const { input, result } = await listApprovalQueue.execute(grace, { page });
      expect(input.page).toBeUndefined();
      expect(result.page).toBe(1);
    }
  });
});
