// The one place where a role is checked. Every domain function calls it before reading or
// writing, so a page or action that forgets a check still cannot reach the data.
import "server-only";
import { recordDenial } from "@/lib/audit/denials";
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
  // Repeated denials are counted, not each written (lib/audit/denial-limiter.ts).
  await recordDenial({
    operation: attempt.what,
    actor: ctx.actor,
    context: ctx.meta,
    target: attempt.target,
    reason: `${attempt.what} needs role ${anyOf.join(" or ")}`,
    errorCode: "forbidden",
  });
  throw new ForbiddenError();
}
