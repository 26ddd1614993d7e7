// Browsing the trail: roles, combined filters, keyset pages, time ranges, a requester's view
// of their own workspace's history, and bounded recording of repeated denials.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/model/errors";
import { actor, uniqueName } from "@/test/fixtures";
import { recordDenial } from "@/lib/audit/denials";
import { markAudited, recordActionFailure } from "@/lib/audit/failures";
import { parseAuditFilter } from "./filter";
import { getMyRequestHistory } from "@/lib/workspaces/history";
import { listAuditEvents, getAuditEvent } from "./queries";
import { recordAuditEvent } from "@/lib/audit/record";
import { requestWorkspace } from "@/lib/workspaces/request";

async function seedFor(email: string, count: number) {
  const who = await actor(email);
  const seqs: bigint[] = [];
  for (let i = 0; i < count; i++) {
    seqs.push(
      await recordAuditEvent({
        action: i % 2 ? "workspace.rejected" : "workspace.approved",
        result: i % 3 ? "success" : "failure",
        actor: who.actor,
        context: who.meta,
        target: { type: "workspace", id: "00000000-0000-4000-8000-00000000000" + (i % 2), name: `ws-${email}` },
      }),
    );
  }
  return seqs;
}

describe("audit trail browsing", () => {
  it("is open to auditors and admins and refused to requesters, audited as a denial", async () => {
    const alan = await actor("alan.browse@example.com", ["requester", "auditor"]);
    const grace = await actor("grace.browse@example.com", ["requester", "admin"]);
    const ada = await actor("ada.browse@example.com");
    await expect(listAuditEvents(alan, {})).resolves.toHaveProperty("events");
    await expect(listAuditEvents(grace, {})).resolves.toHaveProperty("events");
    await expect(listAuditEvents(ada, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getAuditEvent(ada, { seq: "1" })).rejects.toBeInstanceOf(ForbiddenError);
    const denials = await db.auditEvent.findMany({ where: { actorEmail: "ada.browse@example.com", action: "auth.denied" }, orderBy: { seq: "asc" } });
    expect(denials.map((d) => d.reason)).toEqual(["reading the audit trail needs role auditor or admin", "reading an audit event needs role auditor or admin"]);
  });

  it("matches a part of an actor's address anywhere, ignoring case, and a whole address exactly (THREATS 81)", async () => {
    const alan = await actor("alan.partial@example.com", ["requester", "auditor"]);
    const name = uniqueName("Partial");
    const [mine] = await seedFor(`${name}@example.com`, 1);
    const [longer] = await seedFor(`x${name}@example.com`, 1);
    const part = (await listAuditEvents(alan, parseAuditFilter({ actor: name.toUpperCase().slice(2) }))).events.map((e) => e.seq);
    expect(part).toEqual([String(longer), String(mine)]);
    const whole = (await listAuditEvents(alan, parseAuditFilter({ actor: `${name}@example.com` }))).events.map((e) => e.seq);
    expect(whole).toEqual([String(mine)]);
    expect(() => parseAuditFilter({ actor: "gr" })).toThrow(ValidationError);
  });

  it("can hide validation failures and keeps every other event, those without an error code too", async () => {
    const alan = await actor("alan.hide@example.com", ["requester", "auditor"]);
    const who = await actor(`${uniqueName("typo")}@example.com`);
    const ok = await recordAuditEvent({ action: "workspace.approved", result: "success", actor: who.actor, context: who.meta });
    const invalid = await recordAuditEvent({ action: "action.failed", result: "failure", errorCode: "invalid", actor: who.actor, context: who.meta });
    const conflict = await recordAuditEvent({ action: "action.failed", result: "failure", errorCode: "conflict", actor: who.actor, context: who.meta });
    const seqs = async (extra: Record<string, string>) =>
      (await listAuditEvents(alan, parseAuditFilter({ actor: who.actor.email, ...extra }))).events.map((e) => e.seq);
    expect(await seqs({})).toEqual([conflict, invalid, ok].map(String));
    expect(await seqs({ hideInvalid: "1" })).toEqual([conflict, ok].map(String));
  });

  it("combines filters and pages newest first by keyset without gaps or repeats", async () => {
    const alan = await actor("alan.pages@example.com", ["requester", "auditor"]);
    const email = `${uniqueName("pager")}@example.com`;
    const seqs = await seedFor(email, 12);
    const expected = seqs.filter((_, i) => i % 2 === 0 && i % 3 !== 0).reverse();

    const seen: string[] = [];
    let before: string | undefined;
    do {
      const filter = parseAuditFilter({ actor: email, action: "workspace.approved", result: "success", limit: "2", ...(before ? { before } : {}) });
      const page = await listAuditEvents(alan, filter);
      expect(page.events.length).toBeLessThanOrEqual(2);
      seen.push(...page.events.map((e) => e.seq));
      before = page.nextCursor ?? undefined;
    } while (before);
    expect(seen).toEqual(expected.map(String));
    for (const event of await Promise.all(seen.map((seq) => getAuditEvent(alan, { seq })))) {
      expect(event).toMatchObject({ actorEmail: email, action: "workspace.approved", result: "success" });
    }
  });

  it("filters by workspace id or name, and by a UTC time range", async () => {
    const alan = await actor("alan.ws@example.com", ["requester", "auditor"]);
    const email = `${uniqueName("wsf")}@example.com`;
    const seqs = await seedFor(email, 4);
    const byName = await listAuditEvents(alan, parseAuditFilter({ workspace: `ws-${email}` }));
    expect(byName.events.map((e) => e.seq)).toEqual(seqs.map(String).reverse());
    const byId = await listAuditEvents(alan, parseAuditFilter({ workspace: "00000000-0000-4000-8000-000000000001", actor: email }));
    expect(byId.events.map((e) => e.seq)).toEqual([seqs[3], seqs[1]].map(String));

    const times = await db.auditEvent.findMany({ where: { seq: { in: seqs } }, orderBy: { seq: "asc" }, select: { occurredAt: true } });
    const from = times[1]?.occurredAt.toISOString() ?? "";
    const inRange = await listAuditEvents(alan, parseAuditFilter({ actor: email, from }));
    expect(inRange.events.every((e) => e.occurredAt.toISOString() >= from)).toBe(true);
    expect(inRange.events.map((e) => e.seq)).toContain(String(seqs[3]));
    const future = await listAuditEvents(alan, parseAuditFilter({ from: "2999-01-01T00:00" }));
    expect(future.events).toEqual([]);
    const past = await listAuditEvents(alan, parseAuditFilter({ actor: email, to: "2000-01-01T00:00" }));
    expect(past.events).toEqual([]);
  });

  it("treats SQL in a filter value as a plain value (THREATS 22)", async () => {
    const alan = await actor("alan.sql@example.com", ["requester", "auditor"]);
    const page = await listAuditEvents(alan, parseAuditFilter({ actor: "x' OR '1'='1", workspace: "'; DROP TABLE audit_events; --" }));
    expect(page.events).toEqual([]);
    expect(await db.auditEvent.count()).toBeGreaterThan(0);
  });

  it("never puts a timestamp before the event before it", async () => {
    const rows = await db.auditEvent.findMany({ orderBy: { seq: "asc" }, select: { occurredAt: true } });
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.occurredAt >= rows[i - 1]!.occurredAt).toBe(true);
  });
});

describe("a requester's workspace history", () => {
  it("shows the owner their workspace's events and answers anyone else with not found", async () => {
    const ada = await actor(`${uniqueName("owner")}@example.com`);
    const eve = await actor(`${uniqueName("other")}@example.com`);
    const { id } = await requestWorkspace(ada, { name: uniqueName(), tier: "small-cpu", reason: "history" });
    const history = await getMyRequestHistory(ada, { workspaceId: id });
    expect(history.map((e) => e.action)).toEqual(["workspace.requested"]);
    await expect(getMyRequestHistory(eve, { workspaceId: id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getMyRequestHistory(eve, { workspaceId: "00000000-0000-4000-8000-000000000000" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getMyRequestHistory(ada, { workspaceId: "not-a-uuid" })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("repeated denials", () => {
  it("write the first and then every tenfold count, not one row each", async () => {
    const eve = await actor(`${uniqueName("flood")}@example.com`);
    for (let i = 0; i < 25; i++) {
      await recordDenial({ operation: "approving a request", actor: eve.actor, context: eve.meta, reason: "flood", errorCode: "forbidden" });
    }
    const rows = await db.auditEvent.findMany({ where: { actorEmail: eve.actor.email, action: "auth.denied" }, orderBy: { seq: "asc" } });
    expect(rows).toHaveLength(2);
    expect(rows[1]?.after).toEqual({ repeatsThisMinute: 10 });
  });
});

describe("failed attempts", () => {
  it("record a refused workspace request with its error code and field errors", async () => {
    const ada = await actor(`${uniqueName("refused")}@example.com`);
    await expect(requestWorkspace(ada, { name: "kube-system", tier: "small-cpu", reason: "x" })).rejects.toThrow();
    const [event] = await db.auditEvent.findMany({ where: { actorEmail: ada.actor.email, action: "workspace.request_refused" } });
    expect(event).toMatchObject({ result: "failure", errorCode: "invalid", targetName: "kube-system", requestId: ada.meta.requestId });
    expect(event?.after).toMatchObject({ fieldErrors: { name: [expect.any(String)] } });
  });
});

describe("failed actions", () => {
  it("are recorded once with their error code, except denials and failures already recorded", async () => {
    const grace = await actor(`${uniqueName("fail")}@example.com`, ["requester", "admin"]);
    const workspaceId = "00000000-0000-4000-8000-0000000000aa";
    await recordActionFailure({ title: "rejecting a request", target: { type: "workspace", id: workspaceId } }, grace, new ConflictError("This request has already been decided."));
    await recordActionFailure({ title: "approving a request" }, grace, new Error("database exploded: password=secret"));
    await recordActionFailure({ title: "approving a request" }, grace, new ForbiddenError());
    const recorded = new ValidationError("x");
    markAudited(recorded);
    await recordActionFailure({ title: "requesting a workspace" }, grace, recorded);

    const rows = await db.auditEvent.findMany({ where: { actorEmail: grace.actor.email }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.action, r.errorCode, r.reason])).toEqual([
      ["action.failed", "conflict", "rejecting a request: This request has already been decided."],
      ["action.failed", "internal", "approving a request: unexpected error (see the server log)"],
    ]);
    expect(rows[0]).toMatchObject({ result: "failure", targetType: "workspace", targetId: workspaceId });
  });
});
