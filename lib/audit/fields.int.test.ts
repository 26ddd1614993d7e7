// Every event of an approval carries the fields an auditor needs (THREATS 38).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { approveWorkspace } from "@/lib/workspaces/decide";
import { requestWorkspace } from "@/lib/workspaces/request";
import { actor, uniqueName } from "@/test/fixtures";

describe("audit event fields", () => {
  it("an approval's events carry time, actor, roles, action, target, before/after, result, request id, address, user agent and the API Audit-ID (THREATS 38)", async () => {
    const ada = await actor(`${uniqueName("ada38")}@example.com`);
    const grace = await actor(`${uniqueName("grace38")}@example.com`, ["requester", "admin"]);
    const name = uniqueName("fields");
    const { id } = await requestWorkspace(ada, { name, tier: "small-cpu", reason: "fields" });
    const started = new Date();
    await approveWorkspace(grace, { workspaceId: id });

    const events = await db.auditEvent.findMany({ where: { targetId: id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["workspace.requested", "workspace.approved", "profile.applied"]);
    const [, approved, applied] = events;
    for (const event of [approved, applied]) {
      expect(event).toMatchObject({
        actorIssuer: grace.actor.issuer,
        actorSubject: grace.actor.subject,
        actorEmail: grace.actor.email,
        actorName: grace.actor.name,
        actorRoles: ["requester", "admin"],
        targetType: "workspace",
        targetId: id,
        targetName: name,
        result: "success",
        requestId: grace.meta.requestId,
        clientAddress: "127.0.0.1",
        userAgent: "vitest",
      });
      expect(event?.occurredAt.getTime()).toBeGreaterThanOrEqual(started.getTime() - 1_000);
      expect(event?.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(approved?.before).toEqual({ status: "PENDING" });
    expect(approved?.after).toMatchObject({ status: "PROVISIONING", owner: ada.actor.email });
    expect(applied?.after).toMatchObject({ owner: { kind: "User", name: ada.actor.email } });
    expect(applied?.kubeAuditId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
