// Failed attempts at a mutation, audited once each (rate-limited like denials): every operation
// (lib/operations/define-operation.ts) records any failure it has not already recorded itself.
import "server-only";
import type { Ctx } from "@/lib/model/actor";
import type { AuditAction, AuditTarget } from "@/lib/model/audit-event";
import { ExpectedError, ForbiddenError, ValidationError } from "@/lib/model/errors";
import { log } from "@/lib/telemetry/logger";
import { summariseFieldErrors } from "./bounds";
import { recordLimited } from "./denials";

const audited = new WeakSet<object>();

/** For domain functions that record a failure with more detail than the wrapper could. */
export function markAudited(error: unknown): void {
  if (error !== null && typeof error === "object") audited.add(error);
}

export interface FailedAttempt {
  /** How a person would say what was attempted ("approving a request"). */
  title: string;
  /** The event to write; `action.failed` unless the operation names its own. */
  action?: AuditAction;
  target?: AuditTarget;
}

export async function recordActionFailure(attempt: FailedAttempt, ctx: Ctx, error: unknown): Promise<void> {
  // Denials are recorded by authorize() (or as a refused approval) already.
  if (error instanceof ForbiddenError || audited.has(error as object)) return;
  const expected = error instanceof ExpectedError;
  try {
    await recordLimited(attempt.title, {
      action: attempt.action ?? "action.failed",
      result: "failure",
      actor: ctx.actor,
      context: ctx.meta,
      target: attempt.target,
      reason: `${attempt.title}: ${expected ? error.message : "unexpected error (see the server log)"}`,
      errorCode: expected ? error.code : "internal",
      // Field names come from the caller: invented ones are counted, not stored (THREATS 62).
      after: error instanceof ValidationError ? summariseFieldErrors(error.fieldErrors) : undefined,
    });
  } catch (auditError) {
    // The database may be what failed: never hide the original error behind this one.
    log.error("could not audit a failed action", { requestId: ctx.meta.requestId, actorId: ctx.actor.userId, error: auditError });
  }
}
