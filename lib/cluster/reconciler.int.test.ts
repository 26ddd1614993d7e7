// Provisioning that survives cluster faults, against the API stand-in with fault injection:
// retries with backoff, Retry-After, configuration errors that stop retrying, a process killed
// mid-apply, and two reconcilers at once.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { applyProfile, buildProfile, getProfile } from "@/lib/kube/profiles";
import { approvedWorkspace, profileCalls, standIn } from "@/test/fixtures";
import { reapplyWorkspace } from "@/lib/workspaces/lifecycle";
import { attemptWorkspace } from "@/lib/reconcile/provision";
import { reconcileIfLeader, reconcileOnce, ReconcilerLock } from "./reconciler";

const PATCH_PROFILE = { method: "PATCH", pathPrefix: "/apis/kubeflow.org/v1/profiles/" };

async function row(id: string) {
  return db.workspace.findUniqueOrThrow({ where: { id } });
}
async function actions(id: string) {
  return (await db.auditEvent.findMany({ where: { targetId: id }, orderBy: { seq: "asc" } })).map((e) => e.action);
}
function later(ms: number): Date {
  return new Date(Date.now() + ms);
}

beforeEach(async () => {
  await standIn.clearFaults();
  await standIn.clearRequests();
});
afterEach(() => standIn.clearFaults());

describe("retryable faults keep the workspace provisioning and the reconciler finishes it (THREATS 29)", () => {
  it.each([
    ["connection refused/reset", { mode: "reset" as const }, "unreachable"],
    ["a 500", { status: 500 }, "server_error"],
    ["a timeout", { mode: "hang" as const }, "timeout"],
  ])("%s: approved, provisioning, audited failure, then success on a later pass", async (_what, fault, failure) => {
    await standIn.injectFault({ ...PATCH_PROFILE, count: 1, ...fault });
    const { id, name, outcome } = await approvedWorkspace();
    expect(outcome).toMatchObject({ status: "PROVISIONING", failure });
    const failed = await row(id);
    expect(failed).toMatchObject({ status: "PROVISIONING", attempts: 1, lastError: failure, blocked: false });
    expect(failed.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());

    // Not due yet: the reconciler leaves it alone.
    await reconcileOnce({ now: new Date() });
    expect((await row(id)).status).toBe("PROVISIONING");

    await reconcileOnce({ now: later(10 * 60_000) });
    const done = await row(id);
    expect(done).toMatchObject({ status: "ACTIVE", attempts: 0, lastError: null, appliedGeneration: done.generation });
    expect(await actions(id)).toEqual(["workspace.requested", "workspace.approved", "profile.apply_failed", "profile.applied"]);
    expect((await getProfile(name))?.spec?.owner?.name).toBe(`ada.${name}@example.com`);
  });

  it("waits at least as long as a 429's Retry-After before trying again (THREATS 30)", async () => {
    await standIn.injectFault({ ...PATCH_PROFILE, count: 1, status: 429, retryAfterSeconds: 120 });
    const { id, name } = await approvedWorkspace();
    const throttled = await row(id);
    expect(throttled.lastError).toBe("throttled");
    expect(throttled.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(Date.now() + 119_000);
    await standIn.clearRequests();
    await reconcileOnce({ now: later(60_000) });
    expect(await profileCalls(name, "PATCH")).toBe(0);
    await reconcileOnce({ now: later(121_000) });
    expect(await profileCalls(name, "PATCH")).toBe(1);
    expect((await row(id)).status).toBe("ACTIVE");
  });

  it("honours a plain-text 429 as API Priority and Fairness sends it", async () => {
    await standIn.injectFault({ ...PATCH_PROFILE, count: 1, status: 429, retryAfterSeconds: 30, text: "Too many requests, please try again later.\n" });
    const { id } = await approvedWorkspace();
    const throttled = await row(id);
    expect(throttled).toMatchObject({ status: "PROVISIONING", lastError: "throttled" });
    expect(throttled.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(Date.now() + 29_000);
  });
});

describe("configuration errors are shown, not retried in a loop", () => {
  it("a 403 fails the workspace with a configuration message; later passes send nothing; re-apply after the fix works (THREATS 31)", async () => {
    await standIn.injectFault({ ...PATCH_PROFILE, count: 1, status: 403 });
    const { id, name, admin, outcome } = await approvedWorkspace();
    expect(outcome).toMatchObject({ status: "FAILED", failure: "forbidden" });
    expect(await row(id)).toMatchObject({ status: "FAILED", blocked: true, lastError: "forbidden" });
    expect((await row(id)).statusMessage).toMatch(/configuration error/);

    for (const minutes of [1, 10, 100]) await reconcileOnce({ now: later(minutes * 60_000) });
    expect(await profileCalls(name, "PATCH")).toBe(1);

    await reapplyWorkspace(admin, { workspaceId: id });
    expect(await row(id)).toMatchObject({ status: "ACTIVE", blocked: false });
    expect(await profileCalls(name, "PATCH")).toBe(2);
  });

  it("a 409 field-manager conflict is not retried blindly; it is shown for an admin to decide", async () => {
    await standIn.injectFault({ ...PATCH_PROFILE, count: 1, status: 409, reason: "Conflict" });
    const { id, outcome } = await approvedWorkspace();
    expect(outcome).toMatchObject({ status: "FAILED", failure: "conflict" });
    expect((await row(id)).blocked).toBe(true);
  });
});

describe("crashes and concurrency", () => {
  it("a process killed after the apply but before recording it: the next pass re-applies idempotently, one Profile, right spec (THREATS 27)", async () => {
    // The approval committed PROVISIONING; its own apply never got recorded (the connection died).
    await standIn.injectFault({ ...PATCH_PROFILE, count: 1, mode: "reset" });
    const { id, name } = await approvedWorkspace("standard");
    const workspace = await row(id);
    // …while the apply itself had reached the API server.
    await applyProfile(
      buildProfile({ workspaceId: id, name, ownerEmail: workspace.ownerEmail, tierSlug: "standard", hard: workspace.hard as Record<string, string>, approvedBy: "x" }),
    );
    await reconcileOnce({ now: later(10 * 60_000) });
    expect((await row(id)).status).toBe("ACTIVE");
    const profile = await getProfile(name);
    expect(profile?.spec?.resourceQuotaSpec?.hard).toEqual(workspace.hard);
    expect(profile?.spec?.owner?.name).toBe(workspace.ownerEmail);
  });

  it("a lease held by a process that died expires, and only then does another process take over", async () => {
    await standIn.injectFault({ ...PATCH_PROFILE, count: 1, mode: "reset" });
    const { id, name } = await approvedWorkspace();
    const due = later(10 * 60_000);
    // A process claimed the row at `due` and died before finishing.
    await db.workspace.update({ where: { id }, data: { nextAttemptAt: new Date(due.getTime() + 60_000) } });
    await standIn.clearRequests();
    await reconcileOnce({ now: due });
    expect(await profileCalls(name, "PATCH")).toBe(0);
    await reconcileOnce({ now: new Date(due.getTime() + 61_000) });
    expect((await row(id)).status).toBe("ACTIVE");
  });

  it("two attempts racing on one workspace: one apply, one success event", async () => {
    await standIn.injectFault({ ...PATCH_PROFILE, count: 1, mode: "reset" });
    const { id, name } = await approvedWorkspace();
    await standIn.clearRequests();
    const now = later(10 * 60_000);
    const by = { actor: null, context: {} };
    const results = await Promise.all([attemptWorkspace(by, id, now), attemptWorkspace(by, id, now)]);
    expect(results.map((r) => r.status).sort()).toEqual(["ACTIVE", "BUSY"]);
    expect(await profileCalls(name, "PATCH")).toBe(1);
    expect((await actions(id)).filter((a) => a === "profile.applied")).toHaveLength(1);
  });

  it("two reconcilers: while one holds the lock, the other does nothing", async () => {
    const other = new ReconcilerLock();
    expect(await other.tryAcquire()).toBe(true);
    try {
      expect(await reconcileIfLeader()).toBe("not-leader");
    } finally {
      await other.release();
    }
    expect(await reconcileIfLeader()).toMatchObject({ attempted: expect.any(Array) });
  });

  it("database down while approving: nothing is written to the cluster (THREATS 28)", async () => {
    const { requestWorkspace } = await import("@/lib/workspaces/request");
    const { approveWorkspace } = await import("@/lib/workspaces/decide");
    const { actor, uniqueName } = await import("@/test/fixtures");
    const name = uniqueName();
    const ada = await actor(`ada.${name}@example.com`);
    const grace = await actor(`grace.${name}@example.com`, ["requester", "admin"]);
    const { id } = await requestWorkspace(ada, { name, tier: "small-cpu", reason: "x" });
    await standIn.clearRequests();
    const { PrismaClient } = await import("@/lib/db/generated/client");
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const holder = globalThis as unknown as { berthPrisma?: unknown };
    const real = holder.berthPrisma;
    holder.berthPrisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: "postgres://nobody@127.0.0.1:1/none", connectionTimeoutMillis: 500 }) });
    let failure: unknown;
    try {
      failure = await approveWorkspace(grace, { workspaceId: id }).catch((error: unknown) => error);
    } finally {
      holder.berthPrisma = real;
    }
    expect(await profileCalls(name, "PATCH")).toBe(0);
    expect((await row(id)).status).toBe("PENDING");
    // The person is told that nothing was changed, so trying again is safe (THREATS 95).
    const { toErrorState } = await import("@/lib/operations/error-state");
    expect(toErrorState(failure, () => undefined).message).toMatch(/^Berth's database could not be reached, so nothing was changed\. .* Reference: [0-9a-f]{8}$/);
  });

  it("database gone after the approval was committed: the person is told it was saved and is applied later (THREATS 95)", async () => {
    const { requestWorkspace } = await import("@/lib/workspaces/request");
    const { approveWorkspace } = await import("@/lib/workspaces/decide");
    const { actor, uniqueName } = await import("@/test/fixtures");
    const { toErrorState } = await import("@/lib/operations/error-state");
    const name = uniqueName();
    const ada = await actor(`ada.${name}@example.com`);
    const grace = await actor(`grace.${name}@example.com`, ["requester", "admin"]);
    const { id } = await requestWorkspace(ada, { name, tier: "small-cpu", reason: "x" });
    const { PrismaClient } = await import("@/lib/db/generated/client");
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const holder = globalThis as unknown as { berthPrisma?: unknown };
    const real = holder.berthPrisma;
    // The database goes while the Profile apply is on its way (the decision is already committed).
    await standIn.injectFault({ ...PATCH_PROFILE, count: 1, delayMs: 800 });
    const swap = setTimeout(() => {
      holder.berthPrisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: "postgres://nobody@127.0.0.1:1/none", connectionTimeoutMillis: 500 }) });
    }, 400);
    let failure: unknown;
    try {
      failure = await approveWorkspace(grace, { workspaceId: id }).catch((error: unknown) => error);
    } finally {
      clearTimeout(swap);
      holder.berthPrisma = real;
    }
    expect(toErrorState(failure, () => undefined).message).toMatch(/^The change was saved, .* applies it automatically once the database is back\.$/);
    expect((await row(id)).status).toBe("PROVISIONING");
    await reconcileOnce({ now: later(10 * 60_000) });
    expect((await row(id)).status).toBe("ACTIVE");
  });
});
