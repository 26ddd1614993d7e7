// The owner (or an admin) manages contributors directly: adds a person or a Dex group (audited,
// and still waiting for an admin when the tier says so), removes one (the cluster objects go at
// once, with the same retry and confirmation as Profiles), and sets the workspace's directory entry.
import "server-only";
import { appendAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { Ctx } from "@/lib/model/actor";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/model/errors";
import { workspaceTarget } from "@/lib/model/audit-event";
import { enqueueNotification } from "@/lib/notifications/outbox";
import { defineOperation } from "@/lib/operations/define-operation";
import { foldEmail, groupGainRefusal } from "@/lib/workspaces/governance";
import { syncGrantNow, type SyncOutcome } from "./cluster-sync";
import { activateGrant, recordFirstApproval, type DecisionOutcome } from "./decide";
import { GRANT_SELECT, grantTarget, newGrantData, OPEN_REQUEST_STATES, snapshotOf, type GrantSubject } from "./grant";
import { assertActive, checkEndDate, grantForManager, isOwner, managedWorkspace } from "./rules";
import { addContributorInput, grantIdInput, listingInput } from "./schemas";

/** A person is written as they sign in (the identity header carries it so) when Berth knows them. */
async function subjectFor(kind: "User" | "Group", typed: string): Promise<GrantSubject> {
  if (kind === "Group") return { kind, name: typed };
  const known = await db.user.findFirst({ where: { email: { equals: typed, mode: "insensitive" } }, select: { email: true }, orderBy: { lastSeenAt: "desc" } });
  return { kind, name: known?.email ?? typed };
}

export const addContributor = defineOperation({
  name: "access.add",
  title: "adding a contributor",
  roles: ["requester", "admin"],
  input: addContributorInput,
  audit: ["access.added"],
  target: workspaceTarget,
  run: async (ctx, input, options: { now?: Date } | undefined): Promise<DecisionOutcome & { id: string }> => {
    const now = options?.now ?? new Date();
    const workspace = await managedWorkspace(ctx, input.workspaceId);
    assertActive(workspace.status);
    const subject = await subjectFor(input.subjectKind, input.subject);
    if (subject.kind === "User" && foldEmail(subject.name) === foldEmail(workspace.ownerEmail)) {
      throw new ConflictError("That is the workspace's owner, who already has admin access.");
    }
    // Separation of duties: nobody grants themselves access to someone else's workspace.
    if (subject.kind === "User" && foldEmail(subject.name) === foldEmail(ctx.actor.email)) {
      throw new ForbiddenError("You cannot give yourself access; ask the owner or another admin.");
    }
    const viaGroup = subject.kind === "Group" ? groupGainRefusal(ctx.actor, subject.name, workspace.ownerEmail) : null;
    if (viaGroup) throw new ForbiddenError(viaGroup);
    const endsAt = checkEndDate(workspace.tier, input.endsAt, now);
    const waitsForAdmin = workspace.tier.accessAdminApproval;
    let id: string;
    try {
      id = await db.$transaction(async (tx) => {
        const grant = await tx.accessGrant.create({
          data: newGrantData({ workspaceId: workspace.id, subject, role: input.role, reason: input.reason, endsAt, requestedById: ctx.actor.userId }),
          select: GRANT_SELECT,
        });
        // The one who adds is the first decider; the tier may want an admin as well.
        if (waitsForAdmin) await recordFirstApproval(tx, ctx, grant, "access.added");
        else await activateGrant(tx, ctx, grant, "access.added");
        return grant.id;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`${subject.name} already has access to ${workspace.name} or a request waiting for it.`);
      throw error;
    }
    if (waitsForAdmin) return { id, state: "AWAITING_ADMIN" };
    return { id, state: "ACTIVE", cluster: await syncGrantNow(ctx, id) };
  },
});

export const removeContributor = defineOperation({
  name: "access.remove",
  title: "removing a contributor",
  roles: ["requester", "admin"],
  input: grantIdInput,
  audit: ["access.revoked"],
  run: async (ctx: Ctx, { grantId }): Promise<SyncOutcome> => {
    const grant = await grantForManager(ctx, grantId);
    if (grant.state !== "ACTIVE") throw new ConflictError(OPEN_REQUEST_STATES.includes(grant.state as never) ? "Reject the request instead." : "This access has already ended.");
    await db.$transaction(async (tx) => {
      const { count } = await tx.accessGrant.updateMany({
        where: { id: grant.id, state: "ACTIVE", version: grant.version },
        data: { state: "REVOKED", endedAt: new Date(), synced: false, attempts: 0, nextAttemptAt: null, version: { increment: 1 } },
      });
      if (count !== 1) throw new ConflictError("This access changed since you loaded the page. Reload and try again.");
      await appendAuditEvent(tx, {
        action: "access.revoked",
        result: "success",
        actor: ctx.actor,
        context: ctx.meta,
        target: grantTarget(grant),
        before: snapshotOf(grant),
        after: snapshotOf(grant, "REVOKED"),
      });
      await enqueueNotification(tx, "access.revoked", `${grant.subject}'s ${grant.role} access to ${grant.workspace.name} was removed by ${ctx.actor.email}.`, {
        id: grant.workspaceId,
        name: grant.workspace.name,
        owner: grant.workspace.ownerEmail,
      });
    });
    return syncGrantNow(ctx, grant.id);
  },
});

export const updateListing = defineOperation({
  name: "workspace.update_listing",
  title: "changing a workspace's directory entry",
  roles: ["requester", "admin"],
  input: listingInput,
  audit: ["workspace.listing_updated"],
  target: workspaceTarget,
  run: async (ctx, input) => {
    const workspace = await db.workspace.findUnique({ where: { id: input.workspaceId }, select: { id: true, name: true, ownerEmail: true, description: true, unlisted: true } });
    if (!workspace || !(isOwner(ctx, workspace.ownerEmail) || ctx.actor.roles.includes("admin"))) throw new NotFoundError();
    const next = { description: input.description ?? null, unlisted: input.unlisted === "on" };
    await db.$transaction(async (tx) => {
      await tx.workspace.update({ where: { id: workspace.id }, data: next });
      await appendAuditEvent(tx, {
        action: "workspace.listing_updated",
        result: "success",
        actor: ctx.actor,
        context: ctx.meta,
        target: { type: "workspace", id: workspace.id, name: workspace.name },
        before: { description: workspace.description, unlisted: workspace.unlisted },
        after: next,
      });
    });
  },
});
