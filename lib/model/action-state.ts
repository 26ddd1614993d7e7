// The one state shape every form's useActionState works with.
import type { FieldErrors } from "./errors";

export interface ActionState {
  status: "idle" | "success" | "error";
  message?: string;
  errors?: FieldErrors;
}

export const IDLE: ActionState = { status: "idle" };
