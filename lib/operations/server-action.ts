// Binds an operation to a form: resolve the session, hand the form's fields to the operation
// (which authorizes, parses and audits its own failures), and turn any failure into an ActionState.
// An action file only adds what happens after a success: revalidation, a redirect, a message.
import "server-only";
import type { z, ZodType } from "zod";
import { unstable_rethrow } from "next/navigation";
import { recordDenial } from "@/lib/audit/denials";
import { requestMeta } from "@/lib/auth/request-meta";
import { currentCtx } from "@/lib/auth/session";
import { submittedValues, type ActionState } from "@/lib/model/action-state";
import type { Ctx } from "@/lib/model/actor";
import { ForbiddenError } from "@/lib/model/errors";
import { hasRole, type Role } from "@/lib/model/roles";
import type { Operation } from "./define-operation";
import { toErrorState } from "./error-state";
import { formFields } from "./form-fields";

type AfterSuccess<I, R> = (done: { input: I; result: R; ctx: Ctx }) => ActionState | void | Promise<ActionState | void>;

const DONE: ActionState = { status: "success" };

export function serverAction<S extends ZodType, R>(
  operation: Operation<S, R, never>,
  after: AfterSuccess<z.infer<S>, R> = () => DONE,
): (previous: ActionState, formData: FormData) => Promise<ActionState> {
  const { title, roles } = operation.declaration;
  return async (_previous, formData) => {
    // Every failure hands the submitted values back, so that the form shows them again.
    let values: Record<string, string> | undefined;
    let ctx: Ctx | null = null;
    try {
      const fields = formFields(formData.entries());
      values = submittedValues(fields);
      ctx = await currentCtx();
      if (!ctx) {
        await recordDenial({ operation: title, actor: null, context: await requestMeta(), reason: `${title} without a session`, errorCode: "unauthenticated" });
        return { status: "error", message: "Your session has ended. Please sign in again.", values, reconfirm: true };
      }
      const { input, result } = await operation.execute(ctx, fields);
      return (await after({ input, result, ctx })) ?? DONE;
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof ForbiddenError && ctx && needsReconfirmation(ctx, roles)) {
        // The denial is audited like any other; the person is offered to confirm and retry.
        return { status: "error", message: RECONFIRM_MESSAGE, values, reconfirm: true };
      }
      return { ...toErrorState(error), values };
    }
  };
}

export const RECONFIRM_MESSAGE =
  "Please confirm your sign-in: admin and auditor rights are re-checked with Dex every few minutes. What you typed is kept.";

/** The operation needs a role the person held at sign-in but has not confirmed recently enough. */
function needsReconfirmation(ctx: Ctx, roles: readonly Role[]): boolean {
  if (roles.some((role) => hasRole(ctx.actor.roles, role))) return false;
  return (ctx.staleRoles ?? []).some((role) => roles.includes(role));
}
