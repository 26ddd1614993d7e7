// Rate limits of every mutation and of exports/verification (THREATS 70), counted in PostgreSQL:
// one person, one client address, replicas together (concurrent callers share one count), a
// clear message, and refusals audited but thinned. Self-approval refusals are thinned too (THREATS 71).
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { LimitError } from "@/lib/model/errors";
import type { Ctx } from "@/lib/model/actor";
import { actor, profileApplies, standIn, uniqueName } from "@/test/fixtures";
import { authorizationMatrix } from "./registry";
import { enforceRateLimit, RATE_WINDOW_MS, takeHit } from "./rate-limit";

const saved = { change: process.env.BERTH_CHANGE_RATE_LIMIT, exports: process.env.BERTH_EXPORT_RATE_LIMIT, factor: process.env.BERTH_ADDRESS_RATE_FACTOR };
afterEach(() => {
  process.env.BERTH_CHANGE_RATE_LIMIT = saved.change;
  process.env.BERTH_EXPORT_RATE_LIMIT = saved.exports;
  if (saved.factor === undefined) delete process.env.BERTH_ADDRESS_RATE_FACTOR;
  else process.env.BERTH_ADDRESS_RATE_FACTOR = saved.factor;
});

/** A person of their own, from an address of their own, so no other test's hits count. */
async function person(roles: Ctx["actor"]["roles"] = ["requester"]): Promise<Ctx> {
  const ctx = await actor(`${uniqueName("rate")}@example.com`, roles);
  return { ...ctx, meta: { ...ctx.meta, clientAddress: `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 6)}` } };
}

const rule = { perPerson: 3, perAddress: 5 };
const minuteStart = new Date(Math.floor(Date.now() / RATE_WINDOW_MS) * RATE_WINDOW_MS + 1_000);

beforeAll(async () => {
  // The operations register themselves when their modules load.
  await Promise.all([
    import("@/lib/workspaces/cancel"),
    import("@/lib/workspaces/decide"),
    import("@/lib/audit-trail/verify-trail"),
    import("@/lib/audit-trail/verify-job"),
    import("@/lib/audit-trail/export"),
    import("@/lib/access/report"),
  ]);
});

describe("rate limits (THREATS 70)", () => {
  it("keeps its counters out of the WAL: a hit's commit does not wait for the disk, and a crash only empties the windows", async () => {
    const [table] = await db.$queryRaw<{ persistence: string }[]>`
      SELECT relpersistence::text AS persistence FROM pg_class WHERE relname = 'rate_limit_counters' AND relkind = 'r'`;
    expect(table?.persistence).toBe("u");
  });

  it("counts each person per window and starts again in the next", async () => {
    const ada = await person();
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await takeHit("change", ada, rule, minuteStart));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false]);
    expect(verdicts[3]).toMatchObject({ exceeded: "person", retryAfterSeconds: 59 });
    // Another kind of operation has its own count.
    expect((await takeHit("export", ada, rule, minuteStart)).allowed).toBe(true);
    const next = new Date(minuteStart.getTime() + RATE_WINDOW_MS);
    expect((await takeHit("change", ada, rule, next)).allowed).toBe(true);
    // A replica whose clock lags counts into the newer window rather than resetting it.
    for (let i = 0; i < 2; i++) await takeHit("change", ada, rule, minuteStart);
    expect((await takeHit("change", ada, rule, next)).allowed).toBe(false);
  });

  it("counts one client address across people", async () => {
    const first = await person();
    const shared = first.meta.clientAddress;
    const others = await Promise.all([person(), person()]);
    const verdicts = [];
    for (const ctx of [first, ...others]) {
      for (let i = 0; i < 2; i++) verdicts.push(await takeHit("change", { ...ctx, meta: { ...ctx.meta, clientAddress: shared } }, rule, minuteStart));
    }
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, true, true, false]);
    expect(verdicts[5]?.exceeded).toBe("address");
  });

  it("lets exactly the limit through when many replicas ask at once", async () => {
    const ada = await person();
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => takeHit("change", ada, { perPerson: 7, perAddress: 100 }, minuteStart)));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(7);
  });

  it("refuses with a message naming the limit and the wait, audited once per repeat decade", async () => {
    // The denial limiter counts per wall-clock minute: start well inside one, so the twelve
    // refusals below are counted in the same window however slow the machine is.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
    const ada = await person();
    const attempt = { title: "cancelling a request", rateClass: "change" as const };
    for (let i = 0; i < 3; i++) await enforceRateLimit(attempt, ada, rule, minuteStart);
    const refusals: unknown[] = [];
    for (let i = 0; i < 12; i++) refusals.push(await enforceRateLimit(attempt, ada, rule, minuteStart).catch((error: unknown) => error));
    expect(refusals.every((e) => e instanceof LimitError && e.limit === "rate")).toBe(true);
    expect((refusals[0] as LimitError).message).toBe(
      "Too many attempts at cancelling a request: at most 3 a minute for each person. Please wait 59 seconds and try again.",
    );
    const rows = await db.auditEvent.findMany({ where: { actorEmail: ada.actor.email, action: "auth.rate_limited" }, orderBy: { seq: "asc" } });
    // The 1st and the 10th refusal of the minute (denial limiter), each with the count so far.
    expect(rows.map((r) => [r.result, r.errorCode, (r.after as { repeatsThisMinute?: number } | null)?.repeatsThisMinute])).toEqual([
      ["denied", "rate_limited", undefined],
      ["denied", "rate_limited", 10],
    ]);
  });

  it("is declared for every mutation, and for exports and verification, by the operation itself", () => {
    const rows = authorizationMatrix();
    for (const row of rows) if (row.audit.length > 0) expect(row.rateLimit, row.name).toBeDefined();
    const exports = rows.filter((row) => row.rateLimit === "export").map((row) => row.name);
    expect(exports).toEqual(expect.arrayContaining(["audit.export", "audit.verify-start", "audit.export-head", "audit.check-head", "access.export"]));
  });

  it("applies to an operation through its declaration: refused, nothing changed", async () => {
    process.env.BERTH_CHANGE_RATE_LIMIT = "2";
    process.env.BERTH_ADDRESS_RATE_FACTOR = "1";
    const { cancelRequest } = await import("@/lib/workspaces/cancel");
    const ada = await person();
    const missing = { workspaceId: "00000000-0000-4000-8000-00000000aaaa" };
    // Failed attempts count too: a loop of bad calls is still a loop.
    for (let i = 0; i < 2; i++) await expect(cancelRequest(ada, missing)).rejects.toThrow("Request not found.");
    const before = await db.auditEvent.count({ where: { actorEmail: ada.actor.email } });
    await expect(cancelRequest(ada, missing)).rejects.toThrow(/^Too many attempts at cancelling a request: at most 2 a minute/);
    const after = await db.auditEvent.findMany({ where: { actorEmail: ada.actor.email }, orderBy: { seq: "desc" }, take: 1 });
    expect(after[0]?.action).toBe("auth.rate_limited");
    expect(await db.auditEvent.count({ where: { actorEmail: ada.actor.email } })).toBe(before + 1);
  });

  it("refuses an approval whose hit went alongside its reading: nothing written, nothing applied", async () => {
    const { requestWorkspace } = await import("@/lib/workspaces/request");
    const { approveWorkspace } = await import("@/lib/workspaces/decide");
    const name = uniqueName("rate");
    const { id } = await requestWorkspace(await actor(`ada.${name}@example.com`), { name, tier: "small-cpu", reason: "rate limit test" });
    process.env.BERTH_CHANGE_RATE_LIMIT = "1";
    process.env.BERTH_ADDRESS_RATE_FACTOR = "1";
    const admin = await person(["requester", "admin"]);
    await expect(approveWorkspace(admin, { workspaceId: "00000000-0000-4000-8000-00000000bbbb" })).rejects.toThrow("Request not found.");
    await standIn.clearRequests();

    await expect(approveWorkspace(admin, { workspaceId: id })).rejects.toThrow(/^Too many attempts at approving a request: at most 1 a minute/);
    const workspace = await db.workspace.findUniqueOrThrow({ where: { id }, select: { status: true, version: true } });
    expect(workspace.status).toBe("PENDING");
    expect(await db.workspaceApproval.count({ where: { workspaceId: id } })).toBe(0);
    expect(await db.notification.count({ where: { event: "request.approved", payload: { path: ["berth", "workspace", "id"], equals: id } } })).toBe(0);
    const actions = await db.auditEvent.findMany({ where: { actorEmail: admin.actor.email }, orderBy: { seq: "asc" }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(["action.failed", "auth.rate_limited"]);
    expect(await profileApplies(name)).toBe(0);
  });

  it("limits verification by the export limit", async () => {
    process.env.BERTH_EXPORT_RATE_LIMIT = "1";
    const { exportHead } = await import("@/lib/audit-trail/verify-trail");
    const auditor = await person(["requester", "auditor"]);
    await expect(exportHead(auditor, {})).resolves.toMatchObject({ seq: expect.any(String) });
    await expect(exportHead(auditor, {})).rejects.toBeInstanceOf(LimitError);
  });
});

describe("self-approval refusals (THREATS 71)", () => {
  it("go through the denial limiter: a loop writes the 1st and 10th of the minute", async () => {
    const { requestWorkspace } = await import("@/lib/workspaces/request");
    const { approveWorkspace } = await import("@/lib/workspaces/decide");
    const grace = await person(["requester", "admin"]);
    const { id } = await requestWorkspace(grace, { name: uniqueName(), tier: "small-cpu", reason: "self approval loop" });
    for (let i = 0; i < 11; i++) await expect(approveWorkspace(grace, { workspaceId: id })).rejects.toThrow(/own/);
    const rows = await db.auditEvent.findMany({ where: { targetId: id, action: "workspace.approve_refused" }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => (r.after as { repeatsThisMinute?: number }).repeatsThisMinute)).toEqual([undefined, 10]);
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
  });
});
