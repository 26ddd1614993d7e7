// "My workspaces" pages its rows: the page costs the same however many requests a person has made.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { actor, uniqueName } from "@/test/fixtures";
import { listMyWorkspaces, MY_LIST_PAGE_SIZE } from "./queries";

describe("my workspaces, paged", () => {
  it("shows the newest first, each exactly once, and only the caller's", async () => {
    const base = uniqueName("mine");
    const ada = await actor(`ada.${base}@example.com`);
    const bob = await actor(`bob.${base}@example.com`);
    const tier = await db.quotaTier.findUniqueOrThrow({ where: { slug: "small-cpu" }, select: { id: true } });
    const total = 2 * MY_LIST_PAGE_SIZE + 5;
    const start = Date.now() - 10_000_000;
    await db.workspace.createMany({
      data: Array.from({ length: total }, (_, i) => ({
        name: `${base}-r${i}`,
        status: "REJECTED" as const,
        reason: "r",
        requesterId: ada.actor.userId,
        ownerEmail: ada.actor.email,
        tierId: tier.id,
        hard: {},
        createdAt: new Date(start + i * 1000),
      })),
    });

    const pages = await Promise.all([1, 2, 3].map((page) => listMyWorkspaces(ada, { page })));
    expect(pages.map((p) => [p.page, p.pageCount, p.total, p.items.length])).toEqual([
      [1, 3, total, MY_LIST_PAGE_SIZE],
      [2, 3, total, MY_LIST_PAGE_SIZE],
      [3, 3, total, 5],
    ]);
    const times = pages.flatMap((p) => p.items.map((w) => w.createdAt.getTime()));
    expect(times).toEqual(Array.from({ length: total }, (_, i) => start + (total - 1 - i) * 1000));
    expect(await listMyWorkspaces(ada, { page: 50 })).toMatchObject({ page: 3 });
    expect(await listMyWorkspaces(ada, { page: "x" })).toMatchObject({ page: 1, items: expect.any(Array) });
    expect(await listMyWorkspaces(bob, {})).toEqual({ items: [], total: 0, page: 1, pageCount: 1 });
  });
});
