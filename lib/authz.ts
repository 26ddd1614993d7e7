// The one place where a role is checked. Every domain function calls it before reading or
// writing, so a page or action that forgets a check still cannot reach the data.
import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import type { AuditEventInput } from "@/lib/audit/events";
import type { Ctx } from "@/lib/auth/context";
import { hasRole, type Role } from "@/lib/auth/roles";
import { ForbiddenError } from "@/lib/errors";

export async function authorize(
  ctx: Ctx,
  anyOf: Role[],
  attempt: { what: string; target?: AuditEventInput["target"] },
): Promise<void> {
  if (anyOf.some((role) => hasRole(ctx.actor.roles, role))) return;
  await recordAuditEvent({
    action: "auth.denied",
    result: "denied",
    actor: ctx.actor,
    context: ctx.meta,
    target: attempt.target,
    reason: `${attempt.what} needs role ${anyOf.join(" or ")}`,
    errorCode: "forbidden",
  });
  throw new ForbiddenError();
}
