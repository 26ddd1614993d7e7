// Adopting an unmanaged Profile: Berth creates a workspace record for it (owner and quota as found,
// the retired "adopted" tier), audited in the same transaction, then labels the Profile as its own
// by server-side apply. Owner and quota stay as found, unless the admin suspends it at once.
import "server-only";
import type { z } from "zod";
import { defineOperation } from "@/lib/operations/define-operation";
import { appendAuditEvent } from "@/lib/audit/record";
import type { Ctx } from "@/lib/model/actor";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/model/errors";
import { getProfile, LABEL_WORKSPACE_ID } from "@/lib/kube/profiles";
import { checkHard } from "@/lib/quota/keys";
import { adoptInput } from "@/lib/workspaces/admin-schemas";
import { assertMayDecide } from "@/lib/workspaces/approval-steps";
import { provisionWorkspace, type ProvisionOutcome } from "@/lib/reconcile/provision";
import { WorkspaceStatus } from "@/lib/model/workspace-status";
import { ADOPTED_TIER } from "@/lib/reconcile/confirm";

export const adoptProfile = defineOperation({
  name: "profile.adopt",
  title: "adopting a Profile",
  roles: ["admin"],
  input: adoptInput,
  audit: ["cluster.profile_adopted"],
  target: (raw) => (typeof raw.name === "string" ? { type: "profile", name: raw.name.slice(0, 63) } : undefined),
  run: runAdoptProfile,
});

async function runAdoptProfile(ctx: Ctx, input: z.infer<typeof adoptInput>): Promise<{ workspaceId: string; outcome: ProvisionOutcome }> {
  const profile = await getProfile(input.name);
  if (!profile) throw new NotFoundError("Profile");
  if (profile.metadata.labels?.[LABEL_WORKSPACE_ID]) throw new ConflictError("This Profile already carries a Berth workspace label.");
  const owner = profile.spec?.owner?.name;
  if (!owner) throw new ValidationError("This Profile has no owner; fix it in the cluster before adopting it.");
  // Adopting must never write an empty or malformed quota back: only a quota Berth can manage.
  const quota = checkHard(profile.spec?.resourceQuotaSpec?.hard ?? {});
  if (!quota.ok) throw new ValidationError(`This Profile's quota cannot be managed by Berth: ${quota.errors.join(" ")}`);
  // An unmanaged Profile has only an owner: nobody brings their own Profile under management.
  const parties = { requester: { issuer: "", subject: "", email: owner }, ownerEmail: owner };
  await assertMayDecide(ctx, parties, { kind: "adopt", ownerEmail: owner }, { type: "profile", name: input.name });
  const tier = await db.quotaTier.findUniqueOrThrow({ where: { slug: ADOPTED_TIER }, select: { id: true } });

  const workspaceId = await db.$transaction(async (tx) => {
    const created = await tx.workspace.create({
      data: {
        name: input.name,
        // Suspended at once keeps every limit but lets no pod start until an admin resumes it.
        status: input.suspend ? WorkspaceStatus.SUSPENDED : WorkspaceStatus.PROVISIONING,
        reason: input.reason,
        requesterId: ctx.actor.userId,
        ownerEmail: owner,
        tierId: tier.id,
        hard: quota.hard,
        decidedById: ctx.actor.userId,
        decidedAt: new Date(),
        decisionNote: "Adopted from the cluster",
      },
      select: { id: true },
    });
    await appendAuditEvent(tx, {
      action: "cluster.profile_adopted",
      result: "success",
      actor: ctx.actor,
      context: ctx.meta,
      target: { type: "workspace", id: created.id, name: input.name },
      before: { managed: false, owner, hard: profile.spec?.resourceQuotaSpec?.hard },
      after: { managed: true, owner, hard: quota.hard, suspended: Boolean(input.suspend) },
      reason: input.reason,
    });
    return created.id;
  }).catch((error: unknown) => {
    // The open-name unique index: a Berth record already holds this name.
    if (isUniqueViolation(error)) throw new ConflictError("A Berth workspace already holds this name.");
    throw error;
  });
  return { workspaceId, outcome: await provisionWorkspace(ctx, workspaceId) };
}
