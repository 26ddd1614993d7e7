// Wraps every server action: resolve the session, check the role, hand the form's fields
// to the action, and turn failures into an ActionState. No action can skip these steps;
// the domain function it calls checks the role again.
import "server-only";
import { unstable_rethrow } from "next/navigation";
import { recordDenial } from "@/lib/audit/denials";
import { recordActionFailure } from "@/lib/audit/failures";
import type { Ctx } from "@/lib/auth/context";
import type { Role } from "@/lib/auth/roles";
import { requestMeta } from "@/lib/auth/request-meta";
import { currentCtx } from "@/lib/auth/session";
import { authorize } from "@/lib/authz";
import { ValidationError } from "@/lib/errors";
import type { ActionState } from "./action-state";
import { toErrorState } from "./error-state";

export type FormFields = Record<string, string>;

export function defineAction(
  name: string,
  roles: Role[],
  run: (ctx: Ctx, fields: FormFields) => Promise<ActionState>,
): (previous: ActionState, formData: FormData) => Promise<ActionState> {
  return async (_previous, formData) => {
    let ctx: Ctx | null = null;
    let fields: FormFields = {};
    try {
      ctx = await currentCtx();
      if (!ctx) {
        await recordDenial({
          operation: name,
          actor: null,
          context: await requestMeta(),
          reason: `${name} without a session`,
          errorCode: "unauthenticated",
        });
        return { status: "error", message: "Your session has ended. Please sign in again." };
      }
      await authorize(ctx, roles, { what: name });
      fields = formFields(formData);
      return await run(ctx, fields);
    } catch (error) {
      unstable_rethrow(error);
      // Failed attempts are part of the trail too (denials were recorded by authorize()).
      if (ctx) await recordActionFailure(name, ctx, fields, error);
      return toErrorState(error);
    }
  };
}

// Next adds its own `$ACTION…` entries to progressively enhanced forms; everything else
// is the user's input and goes to strict parsing, where unknown fields are refused.
function formFields(formData: FormData): FormFields {
  const fields: FormFields = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    if (typeof value !== "string") throw new ValidationError("Files are not accepted here.", { [key]: ["Unexpected file."] });
    fields[key] = value;
  }
  return fields;
}
