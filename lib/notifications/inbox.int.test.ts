// In-app notifications: each event reaches the people it concerns (the owner, or every admin),
// read state is per person, and nobody can read or mark anyone else's (THREATS 84).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ForbiddenError, ValidationError } from "@/lib/model/errors";
import { actor, uniqueName } from "@/test/fixtures";
import { approveWorkspace, rejectWorkspace } from "@/lib/workspaces/decide";
import { requestWorkspace } from "@/lib/workspaces/request";
import { countMyUnreadNotifications, listMyNotifications, markNotificationsRead, UNREAD_COUNT_CAP } from "./inbox";
import { getDeliverySummary } from "./queries";

const workspaceOf = (id: string) => ({ payload: { path: ["berth", "workspace", "id"], equals: id } });

describe("in-app notifications", () => {
  it("a new request reaches every admin (not the requester); its approval reaches the owner, by case-folded email", async () => {
    const name = uniqueName();
    const ada = await actor(`Ada.${name}@Example.com`);
    const grace = await actor(`grace.${name}@example.com`, ["requester", "admin"]);
    const katherine = await actor(`katherine.${name}@example.com`, ["requester", "admin"]);
    const { id } = await requestWorkspace(ada, { name, tier: "small-cpu", reason: "r" });

    for (const admin of [grace, katherine]) {
      const { entries } = await listMyNotifications(admin, {});
      expect(entries.find((e) => e.workspaceId === id)).toMatchObject({ event: "request.created", read: false, href: "/admin/requests" });
    }
    expect((await listMyNotifications(ada, {})).entries.some((e) => e.workspaceId === id)).toBe(false);

    await approveWorkspace(grace, { workspaceId: id });
    // The same person signing in with the email in another case still gets it.
    const adaLower = await actor(`ada.${name}@example.com`);
    const mine = (await listMyNotifications(adaLower, {})).entries.filter((e) => e.workspaceId === id);
    expect(mine.map((e) => e.event)).toEqual(["request.approved"]);
    expect(mine[0]).toMatchObject({ href: `/workspaces/${id}`, read: false });
    const row = await db.notification.findFirstOrThrow({ where: { ...workspaceOf(id), event: "request.approved" } });
    expect(row).toMatchObject({ audience: "owner", recipientEmail: `ada.${name}@example.com` });
  });

  it("read state is per person: one admin marking read leaves the other's unread, and the count follows", async () => {
    const name = uniqueName();
    const ada = await actor(`ada.${name}@example.com`);
    const grace = await actor(`grace.${name}@example.com`, ["requester", "admin"]);
    const katherine = await actor(`katherine.${name}@example.com`, ["requester", "admin"]);
    // Other suites leave many admin notifications behind; below the bell's cap the count shows each change.
    await markNotificationsRead(grace, {});
    const { id } = await requestWorkspace(ada, { name, tier: "small-cpu", reason: "r" });
    const notification = (await listMyNotifications(grace, {})).entries.find((e) => e.workspaceId === id)!;
    const [graceBefore, katherineBefore] = await Promise.all([countMyUnreadNotifications(grace, {}), countMyUnreadNotifications(katherine, {})]);

    expect(await markNotificationsRead(grace, { notificationId: notification.id })).toEqual({ marked: 1 });
    expect(await markNotificationsRead(grace, { notificationId: notification.id })).toEqual({ marked: 0 });
    expect((await listMyNotifications(grace, {})).entries.find((e) => e.id === notification.id)?.read).toBe(true);
    expect((await listMyNotifications(katherine, {})).entries.find((e) => e.id === notification.id)?.read).toBe(false);
    expect(graceBefore).toBeLessThan(UNREAD_COUNT_CAP);
    expect(await countMyUnreadNotifications(grace, {})).toBe(graceBefore - 1);
    expect(await countMyUnreadNotifications(katherine, {})).toBe(katherineBefore);

    const audit = await db.auditEvent.findFirst({ where: { action: "notification.marked_read", actorEmail: grace.actor.email }, orderBy: { seq: "desc" } });
    expect(audit).toMatchObject({ targetId: notification.id, result: "success" });
  });

  it("mark all read covers only what the person may read; someone else's notification is unknown and nothing changes", async () => {
    const name = uniqueName();
    const ada = await actor(`ada.${name}@example.com`);
    const eve = await actor(`eve.${name}@example.com`);
    const grace = await actor(`grace.${name}@example.com`, ["requester", "admin"]);
    const { id } = await requestWorkspace(ada, { name, tier: "small-cpu", reason: "r" });
    await rejectWorkspace(grace, { workspaceId: id, note: "not now" });
    const adas = (await listMyNotifications(ada, {})).entries.find((e) => e.workspaceId === id)!;
    expect(adas.event).toBe("request.rejected");

    await expect(markNotificationsRead(eve, { notificationId: adas.id })).rejects.toBeInstanceOf(ValidationError);
    await expect(markNotificationsRead(ada, { notificationId: "not-a-uuid" })).rejects.toBeInstanceOf(ValidationError);
    await expect(markNotificationsRead(ada, { notificationId: adas.id, userId: grace.actor.userId })).rejects.toBeInstanceOf(ValidationError);
    expect(await db.notificationRead.count({ where: { notificationId: adas.id } })).toBe(0);

    // A requester's "all" never includes the admins' events.
    await markNotificationsRead(ada, {});
    expect(await countMyUnreadNotifications(ada, {})).toBe(0);
    const created = await db.notification.findFirstOrThrow({ where: { ...workspaceOf(id), event: "request.created" }, select: { id: true } });
    expect(await db.notificationRead.count({ where: { notificationId: created.id } })).toBe(0);
    expect(await db.notificationRead.count({ where: { notificationId: adas.id, userId: ada.actor.userId } })).toBe(1);
  });

  it("someone who no longer holds the admin role no longer sees the admins' notifications", async () => {
    const name = uniqueName();
    const ada = await actor(`ada.${name}@example.com`);
    const { id } = await requestWorkspace(ada, { name, tier: "small-cpu", reason: "r" });
    const formerAdmin = await actor(`former.${name}@example.com`, ["requester"]);
    expect((await listMyNotifications(formerAdmin, {})).entries.some((e) => e.workspaceId === id)).toBe(false);
  });

  it("pages by keyset, and a forged cursor is a clear error", async () => {
    const name = uniqueName();
    const grace = await actor(`grace.${name}@example.com`, ["requester", "admin"]);
    const first = await listMyNotifications(grace, {});
    if (first.next) {
      const second = await listMyNotifications(grace, { before: first.next });
      expect(second.entries.some((e) => first.entries.some((f) => f.id === e.id))).toBe(false);
    }
    await expect(listMyNotifications(grace, { before: "00000000-0000-4000-8000-000000000000" })).rejects.toBeInstanceOf(ValidationError);
  });

  it("the admins' delivery summary counts waiting rows (no webhook in tests) and is for admins only", async () => {
    const name = uniqueName();
    const ada = await actor(`ada.${name}@example.com`);
    const grace = await actor(`grace.${name}@example.com`, ["requester", "admin"]);
    const before = await getDeliverySummary(grace, {});
    await requestWorkspace(ada, { name, tier: "small-cpu", reason: "r" });
    const after = await getDeliverySummary(grace, {});
    expect(after.waiting).toBe(before.waiting + 1);
    expect(after.webhookConfigured).toBe(false);
    await expect(getDeliverySummary(ada, {})).rejects.toBeInstanceOf(ForbiddenError);
  });
});
