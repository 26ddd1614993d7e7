// A data scientist asks for a workspace. The owner is the requester's verified email from
// the session, never a form field; the quota is the tier's, copied at request time.
import "server-only";
import { recordLimited } from "@/lib/audit/denials";
import { markAudited } from "@/lib/audit/failures";
import { appendAuditEvent } from "@/lib/audit/record";
import type { Ctx } from "@/lib/auth/context";
import { authorize } from "@/lib/authz";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { ClusterError, ExpectedError, ValidationError } from "@/lib/errors";
import { toKubeApiError } from "@/lib/kube/errors";
import { getProfile, namespaceExists } from "@/lib/kube/profiles";
import { parseInput } from "@/lib/validation";
import { OPEN_STATUSES } from "./status";
import { requestWorkspaceInput } from "./schemas";

export async function requestWorkspace(ctx: Ctx, raw: unknown): Promise<{ id: string }> {
  await authorize(ctx, ["requester"], { what: "requesting a workspace" });
  try {
    return await createRequest(ctx, raw);
  } catch (error) {
    if (error instanceof ExpectedError) {
      await recordRefusal(ctx, raw, error);
      markAudited(error);
    }
    throw error;
  }
}

// Failed attempts are audited too, rate-limited like denials: a requester looping on a bad
// form cannot flood the trail.
async function recordRefusal(ctx: Ctx, raw: unknown, error: ExpectedError): Promise<void> {
  const name = (raw as { name?: unknown } | null)?.name;
  await recordLimited("requesting a workspace", {
    action: "workspace.request_refused",
    result: "failure",
    actor: ctx.actor,
    context: ctx.meta,
    target: { type: "workspace", name: typeof name === "string" ? name.slice(0, 80) : undefined },
    reason: error.message,
    errorCode: error.code,
    after: error instanceof ValidationError ? { fieldErrors: error.fieldErrors } : undefined,
  });
}

async function createRequest(ctx: Ctx, raw: unknown): Promise<{ id: string }> {
  const input = parseInput(requestWorkspaceInput, raw);

  const tier = await db.quotaTier.findFirst({
    where: { slug: input.tier, retiredAt: null },
    select: { id: true, slug: true, hard: true },
  });
  if (!tier) throw new ValidationError("Please correct the highlighted fields.", { tier: ["Choose one of the offered tiers."] });

  await assertNameFree(input.name);

  try {
    return await db.$transaction(async (tx) => {
      const workspace = await tx.workspace.create({
        data: {
          name: input.name,
          reason: input.reason,
          requesterId: ctx.actor.userId,
          ownerEmail: ctx.actor.email,
          tierId: tier.id,
          hard: tier.hard ?? {},
        },
        select: { id: true },
      });
      await appendAuditEvent(tx, {
        action: "workspace.requested",
        result: "success",
        actor: ctx.actor,
        context: ctx.meta,
        target: { type: "workspace", id: workspace.id, name: input.name },
        after: { name: input.name, tier: tier.slug, owner: ctx.actor.email, hard: tier.hard, status: "PENDING" },
        reason: input.reason,
      });
      return workspace;
    });
  } catch (error) {
    // Two requests racing for one name: the partial unique index lets only one in.
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

async function assertNameFree(name: string): Promise<void> {
  const open = await db.workspace.findFirst({ where: { name, status: { in: OPEN_STATUSES } }, select: { id: true } });
  if (open) throw nameTaken(name);
  try {
    if ((await getProfile(name)) || (await namespaceExists(name))) {
      throw new ValidationError("Please correct the highlighted fields.", {
        name: [`A namespace or Profile named "${name}" already exists in the cluster.`],
      });
    }
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    const kube = toKubeApiError(error);
    throw new ClusterError("The cluster could not be asked whether this name is free; please try again shortly.", kube.failure, kube.auditId);
  }
}

function nameTaken(name: string): ValidationError {
  return new ValidationError("Please correct the highlighted fields.", {
    name: [`"${name}" is already requested or in use; choose another name.`],
  });
}
