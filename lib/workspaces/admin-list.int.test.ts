// The admins' Workspaces list: search, filters, both sorts and keyset pages.
import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { ForbiddenError, ValidationError } from "@/lib/model/errors";
import { actor } from "@/test/fixtures";
import { encodeCursor, listWorkspacesForAdmin, ADMIN_LIST_PAGE_SIZE } from "./admin-list";
import { requestWorkspace } from "./request";

describe("admin Workspaces list", () => {
  it("finds workspaces by part of the name or owner, filters by state, tier and owner prefix", async () => {
    const tag = randomUUID().slice(0, 6);
    const ada = await actor(`ada.list${tag}@example.com`);
    const grace = await actor(`grace.list${tag}@example.com`, ["requester", "admin"]);
    const a = await requestWorkspace(ada, { name: `alpha-${tag}`, tier: "small-cpu", reason: "r" });
    await requestWorkspace(ada, { name: `beta-${tag}`, tier: "small-cpu", reason: "r" });

    const byName = await listWorkspacesForAdmin(grace, { q: `ALPHA-${tag}` });
    expect(byName.rows.map((r) => r.id)).toEqual([a.id]);
    expect((await listWorkspacesForAdmin(grace, { q: `list${tag}` })).rows).toHaveLength(2);
    expect((await listWorkspacesForAdmin(grace, { q: tag, state: "PENDING", tier: "small-cpu", owner: `ADA.LIST${tag}` })).rows).toHaveLength(2);
    expect((await listWorkspacesForAdmin(grace, { q: tag, state: "ACTIVE" })).rows).toHaveLength(0);
    expect((await listWorkspacesForAdmin(grace, { q: tag, tier: "no-such-tier" })).rows).toHaveLength(0);
    // A value that does not fit is dropped, not an error: the unfiltered search still answers.
    expect((await listWorkspacesForAdmin(grace, { q: tag, state: "BOGUS", sort: "weird" })).filter).toMatchObject({ state: undefined, sort: "name" });
    await expect(listWorkspacesForAdmin(ada, {})).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("pages through every match exactly once, in both sorts", async () => {
    const tag = randomUUID().slice(0, 6);
    const ada = await actor(`ada.page${tag}@example.com`);
    const grace = await actor(`grace.page${tag}@example.com`, ["requester", "admin"]);
    const total = ADMIN_LIST_PAGE_SIZE + 3;
    const { db } = await import("@/lib/db/client");
    const tier = await db.quotaTier.findUniqueOrThrow({ where: { slug: "small-cpu" }, select: { id: true } });
    await db.workspace.createMany({
      data: Array.from({ length: total }, (_, i) => ({
        name: `p${tag}-${String(i).padStart(2, "0")}`,
        reason: "r",
        requesterId: ada.actor.userId,
        ownerEmail: ada.actor.email,
        tierId: tier.id,
        hard: { pods: "1" },
        status: "REJECTED" as const,
      })),
    });
    for (const sort of ["name", "updated"] as const) {
      const seen: string[] = [];
      let after: string | undefined;
      for (let page = 0; page < 5; page++) {
        const result = await listWorkspacesForAdmin(grace, { q: `p${tag}`, sort, ...(after ? { after } : {}) });
        seen.push(...result.rows.map((r) => r.name));
        if (!result.next) break;
        after = result.next;
      }
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      if (sort === "name") expect(seen).toEqual([...seen].sort());
    }
  });

  it("a forged or malformed cursor is a clear error", async () => {
    const grace = await actor("grace.cursor@example.com", ["requester", "admin"]);
    await expect(listWorkspacesForAdmin(grace, { after: "not-base64-json" })).rejects.toBeInstanceOf(ValidationError);
    await expect(listWorkspacesForAdmin(grace, { after: encodeCursor({ key: "x", id: "nope" }) })).rejects.toBeInstanceOf(ValidationError);
    await expect(listWorkspacesForAdmin(grace, { sort: "updated", after: encodeCursor({ key: "yesterday", id: randomUUID() }) })).rejects.toBeInstanceOf(ValidationError);
  });
});
