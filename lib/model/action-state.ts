// The one state shape every form's useActionState works with.
import type { FieldErrors } from "./errors";

export interface ActionState {
  status: "idle" | "success" | "error";
  message?: string;
  errors?: FieldErrors;
  /**
   * What the person submitted, handed back with an error: React resets a form after its action,
   * and each field shows these values again instead of its initial ones (components/ui/action-form).
   */
  values?: Record<string, string>;
  /** The role check refused a role the person held at sign-in: they may confirm their sign-in and retry. */
  reconfirm?: boolean;
}

export const IDLE: ActionState = { status: "idle" };

const MAX_ECHOED_FIELDS = 100;
const MAX_ECHOED_CHARS = 10_000;

/**
 * The text fields of a submitted form, to show them again after an error. Only what the person
 * sent is returned, bounded, and never a file.
 */
export function submittedValues(fields: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields).slice(0, MAX_ECHOED_FIELDS)) {
    if (typeof value === "string") values[name] = value.slice(0, MAX_ECHOED_CHARS);
  }
  return values;
}
