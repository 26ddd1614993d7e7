// Failed attempts at a mutation, audited once each (rate-limited like denials): the action
// wrapper records any failure that the domain function has not already recorded itself.
import "server-only";
import type { Ctx } from "@/lib/auth/context";
import { ExpectedError, ForbiddenError, ValidationError } from "@/lib/errors";
import { recordLimited } from "./denials";

const audited = new WeakSet<object>();

/** For domain functions that record a failure with more detail than the wrapper could. */
export function markAudited(error: unknown): void {
  if (error !== null && typeof error === "object") audited.add(error);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function recordActionFailure(operation: string, ctx: Ctx, fields: Record<string, string>, error: unknown): Promise<void> {
  // Denials are recorded by authorize() (or as a refused approval) already.
  if (error instanceof ForbiddenError || audited.has(error as object)) return;
  const expected = error instanceof ExpectedError;
  const workspaceId = fields.workspaceId;
  try {
    await recordLimited(operation, {
      action: "action.failed",
      result: "failure",
      actor: ctx.actor,
      context: ctx.meta,
      target: workspaceId && UUID.test(workspaceId) ? { type: "workspace", id: workspaceId.toLowerCase() } : undefined,
      reason: `${operation}: ${expected ? error.message : "unexpected error (see the server log)"}`,
      errorCode: expected ? error.code : "internal",
      after: error instanceof ValidationError ? { fieldErrors: error.fieldErrors } : undefined,
    });
  } catch (auditError) {
    // The database may be what failed: never hide the original error behind this one.
    console.error("[berth] could not audit a failed action", auditError);
  }
}
