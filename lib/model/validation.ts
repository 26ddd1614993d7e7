// Turns a zod failure into Berth's ValidationError with one list of messages per field.
import type { z } from "zod";
import { ValidationError, type FieldErrors } from "./errors";

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  // Field names come from the client: `constructor` or `__proto__` must be plain keys, not Object's own.
  const fieldErrors: FieldErrors = Object.create(null) as FieldErrors;
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) (fieldErrors[key] ??= []).push(`Unknown field "${key.slice(0, 40)}".`);
      continue;
    }
    const field = issue.path.length ? issue.path.join(".") : "form";
    (fieldErrors[field] ??= []).push(issue.message);
  }
  throw new ValidationError("Please correct the highlighted fields.", { ...fieldErrors });
}
