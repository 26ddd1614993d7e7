// Binds an operation to a form: resolve the session, hand the form's fields to the operation
// (which authorizes, parses and audits its own failures), and turn any failure into an ActionState.
// An action file only adds what happens after a success: revalidation, a redirect, a message.
import "server-only";
import type { z, ZodType } from "zod";
import { unstable_rethrow } from "next/navigation";
import { recordDenial } from "@/lib/audit/denials";
import { requestMeta } from "@/lib/auth/request-meta";
import { currentCtx } from "@/lib/auth/session";
import type { ActionState } from "@/lib/model/action-state";
import type { Ctx } from "@/lib/model/actor";
import type { Operation } from "./define-operation";
import { toErrorState } from "./error-state";
import { formFields } from "./form-fields";

type AfterSuccess<I, R> = (done: { input: I; result: R; ctx: Ctx }) => ActionState | void | Promise<ActionState | void>;

const DONE: ActionState = { status: "success" };

export function serverAction<S extends ZodType, R>(
  operation: Operation<S, R, never>,
  after: AfterSuccess<z.infer<S>, R> = () => DONE,
): (previous: ActionState, formData: FormData) => Promise<ActionState> {
  const { title } = operation.declaration;
  return async (_previous, formData) => {
    try {
      const ctx = await currentCtx();
      if (!ctx) {
        await recordDenial({ operation: title, actor: null, context: await requestMeta(), reason: `${title} without a session`, errorCode: "unauthenticated" });
        return { status: "error", message: "Your session has ended. Please sign in again." };
      }
      const { input, result } = await operation.execute(ctx, formFields(formData.entries()));
      return (await after({ input, result, ctx })) ?? DONE;
    } catch (error) {
      unstable_rethrow(error);
      return toErrorState(error);
    }
  };
}
