// Live status: the fingerprint changes when what the page shows changes, says whether anything is
// in flight, and is readable only by those who may read the page (THREATS 83).
import { describe, expect, it } from "vitest";
import { NotFoundError, ForbiddenError } from "@/lib/model/errors";
import { actor, approvedWorkspace, standIn, uniqueName } from "@/test/fixtures";
import { requestWorkspace } from "@/lib/workspaces/request";
import { approveWorkspace } from "@/lib/workspaces/decide";
import { suspendWorkspace } from "@/lib/workspaces/lifecycle";
import { db } from "@/lib/db/client";
import { reconcileOnce } from "./reconciler";
import { readAdminLive, readWorkspaceLive } from "./live";

describe("live status", () => {
  it("a request is in flight until the cluster confirms it; each step changes the fingerprint", async () => {
    const name = uniqueName();
    const ada = await actor(`ada.${name}@example.com`);
    const grace = await actor(`grace.${name}@example.com`, ["requester", "admin"]);
    const { id } = await requestWorkspace(ada, { name, tier: "small-cpu", reason: "r" });
    const queueBefore = await readAdminLive(grace, { scope: "queue" });
    const pending = await readWorkspaceLive(ada, { workspaceId: id });
    expect(pending.inFlight).toBe(true);
    expect(await readWorkspaceLive(ada, { workspaceId: id })).toEqual(pending);

    // The namespace appears only later: the reconciler's first look after the approval waits on it.
    await standIn.injectFault({ method: "GET", pathPrefix: `/api/v1/namespaces/${name}`, count: 1, status: 404, reason: "NotFound" });
    await approveWorkspace(grace, { workspaceId: id });
    const provisioning = await readWorkspaceLive(ada, { workspaceId: id });
    expect(provisioning.v).not.toBe(pending.v);
    // The queue's fingerprint follows the request leaving it.
    expect((await readAdminLive(grace, { scope: "queue" })).v).not.toBe(queueBefore.v);
    expect(provisioning.inFlight).toBe(true);
    await reconcileOnce({ names: [name] });
    expect((await readWorkspaceLive(ada, { workspaceId: id })).inFlight).toBe(true);
    await reconcileOnce({ now: new Date(Date.now() + 10 * 60_000) });
    const active = await readWorkspaceLive(ada, { workspaceId: id });
    expect(active.inFlight).toBe(false);
    expect(active.v).not.toBe(provisioning.v);
    await standIn.clearFaults();
  });

  it("a suspension is in flight until confirmed, then idle again", async () => {
    const { id, admin } = await approvedWorkspace();
    const before = await readWorkspaceLive(admin, { workspaceId: id });
    expect(before.inFlight).toBe(false);
    const { version } = await db.workspace.findUniqueOrThrow({ where: { id }, select: { version: true } });
    await suspendWorkspace(admin, { workspaceId: id, version, reason: "check" });
    const after = await readWorkspaceLive(admin, { workspaceId: id });
    expect(after.v).not.toBe(before.v);
    expect(after.inFlight).toBe(false);
  });

  it("someone else's workspace is not found; the admin scopes are for admins; a bad scope is refused", async () => {
    const { id, name } = await approvedWorkspace();
    const eve = await actor(`eve.${name}@example.com`);
    await expect(readWorkspaceLive(eve, { workspaceId: id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(readWorkspaceLive(eve, { workspaceId: "x" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(readAdminLive(eve, { scope: "queue" })).rejects.toBeInstanceOf(ForbiddenError);
    const grace = await actor(`grace.${name}@example.com`, ["requester", "admin"]);
    await expect(readAdminLive(grace, { scope: "everything" })).rejects.toMatchObject({ code: "invalid" });
    // The Cluster page follows the reconciler's findings whether or not anything is being applied.
    expect((await readAdminLive(grace, { scope: "cluster" })).inFlight).toBe(true);
  });
});
