// A data scientist asks for a workspace. The owner is the requester's verified email from
// the session, never a form field; the quota is the tier's (or a justified custom one),
// copied at request time. The request, its audit event and its notification commit together.
import "server-only";
import { appendAuditEvent } from "@/lib/audit/record";
import type { Ctx } from "@/lib/model/actor";
import { workflowConfigFromEnv, type WorkflowConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { ValidationError } from "@/lib/model/errors";
import { enqueueNotification } from "@/lib/notifications/outbox";
import { defineOperation } from "@/lib/operations/define-operation";
import { assertFreeInCluster, assertNoHolder, refusalAfterUniqueViolation } from "./name-free";
import { assertNamePrefix, assertWithinLimits, requestedQuota } from "./request-policy";
import { requestWorkspaceInput, type RequestWorkspaceInput } from "./schemas";

export interface RequestOptions {
  config?: WorkflowConfig;
  now?: Date;
}

export const requestWorkspace = defineOperation({
  name: "workspace.request",
  title: "requesting a workspace",
  roles: ["requester"],
  input: requestWorkspaceInput,
  audit: ["workspace.requested"],
  // Refused attempts are audited as such, rate-limited like denials: a requester looping on a
  // bad form cannot flood the trail.
  refusal: "workspace.request_refused",
  target: (raw) => ({ type: "workspace", name: typeof raw.name === "string" ? raw.name.slice(0, 80) : undefined }),
  run: (ctx, input, options: RequestOptions | undefined) => createRequest(ctx, input, options?.config ?? workflowConfigFromEnv(), options?.now ?? new Date()),
});

async function createRequest(ctx: Ctx, input: RequestWorkspaceInput, config: WorkflowConfig, now: Date): Promise<{ id: string }> {
  assertNamePrefix(input.name, config.requiredNamePrefix);

  const tier = await db.quotaTier.findFirst({
    where: { slug: input.tier, retiredAt: null },
    select: { id: true, slug: true, name: true, hard: true },
  });
  if (!tier) throw new ValidationError("Please correct the highlighted fields.", { tier: ["Choose one of the offered tiers."] });
  const quota = requestedQuota(input, tier.hard as Record<string, string>, input.justification);

  await assertNoHolder(input.name);
  await assertFreeInCluster(input.name);

  try {
    return await db.$transaction(async (tx) => {
      await assertWithinLimits(tx, ctx, config, now);
      const workspace = await tx.workspace.create({
        data: {
          name: input.name,
          reason: input.reason,
          requesterId: ctx.actor.userId,
          ownerEmail: ctx.actor.email,
          tierId: tier.id,
          hard: quota.hard,
          customJustification: quota.custom ? (input.justification ?? null) : null,
        },
        select: { id: true },
      });
      await appendAuditEvent(tx, {
        action: "workspace.requested",
        result: "success",
        actor: ctx.actor,
        context: ctx.meta,
        target: { type: "workspace", id: workspace.id, name: input.name },
        after: { name: input.name, tier: tier.slug, owner: ctx.actor.email, hard: quota.hard, custom: quota.custom, status: "PENDING" },
        reason: input.reason,
      });
      await enqueueNotification(
        tx,
        "request.created",
        `New workspace request: ${input.name} (${tier.name}${quota.custom ? ", custom quota" : ""}) by ${ctx.actor.email}.`,
        { id: workspace.id, name: input.name, owner: ctx.actor.email, tier: tier.slug },
      );
      return workspace;
    });
  } catch (error) {
    // Requests racing for one name, or for look-alike names: the partial unique indexes on the
    // name and on its skeleton let only one in; the others get the refusal the check above gives.
    if (isUniqueViolation(error)) throw await refusalAfterUniqueViolation(input.name);
    throw error;
  }
}
