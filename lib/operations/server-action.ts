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

export type FormFields = Record<string, FormDataEntryValue>;

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
      const { input, result } = await operation.execute(ctx, formFields(formData));
      return (await after({ input, result, ctx })) ?? DONE;
    } catch (error) {
      unstable_rethrow(error);
      return toErrorState(error);
    }
  };
}

// Next adds its own `$ACTION…` entries to progressively enhanced forms; everything else
// is the user's input and goes to strict parsing, where unknown fields are refused. A file
// stays in as what it is, so that parsing (after the role check) refuses it as not text.
function formFields(formData: FormData): FormFields {
  const fields: FormFields = {};
  for (const [key, value] of formData.entries()) {
    if (!key.startsWith("$ACTION")) fields[key] = value;
  }
  return fields;
}
