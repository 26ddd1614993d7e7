// The one place where a role is checked. Every operation (lib/operations/define-operation.ts)
// calls it before reading or writing, so a page or action that forgets a check still cannot
// reach the data.
import "server-only";
import { recordDenial } from "@/lib/audit/denials";
import type { AuditTarget } from "@/lib/model/audit-event";
import type { Ctx } from "@/lib/model/actor";
import { hasRole, type Role } from "@/lib/model/roles";
import { ForbiddenError } from "@/lib/model/errors";

export async function authorize(
  ctx: Ctx,
  anyOf: readonly Role[],
  attempt: { what: string; target?: AuditTarget },
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
