// Steps shared by request approvals and renewal approvals: separation of duties, and the
// record of an approval that is not yet the last one a two-approval tier needs.
import "server-only";
import { appendAuditEvent, recordAuditEvent } from "@/lib/audit/record";
import type { Ctx } from "@/lib/model/actor";
import type { Tx } from "@/lib/db/client";
import { ForbiddenError } from "@/lib/model/errors";

export type Target = { type: string; id: string; name: string };

/** Audits the refusal and throws: nobody approves what they asked for themselves (THREATS 7). */
export async function refuseSelfApproval(ctx: Ctx, target: Target, what: "request" | "renewal"): Promise<never> {
  await recordAuditEvent({
    action: "workspace.approve_refused",
    result: "denied",
    actor: ctx.actor,
    context: ctx.meta,
    target,
    reason: `separation of duties: nobody approves their own ${what}`,
    errorCode: "self_approval",
  });
  throw new ForbiddenError(
    what === "request"
      ? "You cannot approve your own request; another admin has to."
      : "You cannot approve the renewal of your own workspace; another admin has to.",
  );
}

export function recordPartialApproval(tx: Tx, ctx: Ctx, target: Target, after: Record<string, unknown>): Promise<bigint> {
  return appendAuditEvent(tx, { action: "workspace.approval_recorded", result: "success", actor: ctx.actor, context: ctx.meta, target, after });
}
