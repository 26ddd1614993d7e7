// Quota values as forms send them: one optional field per managed key (`<prefix><key>`),
// validated one by one so each message lands on its own field.
import { z } from "zod";
import { ValidationError, type FieldErrors } from "@/lib/model/errors";
import { QUOTA_KEYS, type Hard } from "./keys";
import { parseQuantity, quantityValue } from "./quantity";

/** The prefix of quota fields on every form (request, approval, quota edit, tier). */
export const QUOTA_PREFIX = "quota.";

/** zod shape of the optional quota fields of a form, for strict objects. */
export function quotaFieldShape(prefix: string): Record<string, z.ZodOptional<z.ZodString>> {
  return Object.fromEntries(QUOTA_KEYS.map((spec) => [`${prefix}${spec.key}`, z.string().max(64).optional()]));
}

export interface QuotaFieldsRead {
  hard: Hard;
  errors: FieldErrors;
}

/**
 * Reads the non-blank quota fields; bad or over-cap values become errors on their field. The
 * one parser of quota input: every form that takes quota values goes through it.
 */
export function readQuotaFields(fields: Record<string, unknown>, prefix: string): QuotaFieldsRead {
  const hard: Hard = {};
  const errors: FieldErrors = {};
  for (const spec of QUOTA_KEYS) {
    const field = `${prefix}${spec.key}`;
    const raw = fields[field];
    if (typeof raw !== "string" || raw.trim() === "") continue;
    const value = raw.trim();
    const parsed = parseQuantity(value);
    if (!parsed.ok) errors[field] = [`${spec.label}: ${parsed.message}`];
    else if (parsed.value > spec.max) errors[field] = [`${spec.label}: ${value} is above the cap Berth allows.`];
    else hard[spec.key] = value;
  }
  return { hard, errors };
}

/** Like readQuotaFields, for a quota that is written as it stands: at least one limit, or errors. */
export function requireQuotaFields(fields: Record<string, unknown>, prefix: string = QUOTA_PREFIX): QuotaFieldsRead {
  const read = readQuotaFields(fields, prefix);
  // An empty `hard` makes the profile controller delete the namespace's quota.
  if (Object.keys(read.hard).length === 0 && Object.keys(read.errors).length === 0) read.errors.quota = ["A quota needs at least one limit."];
  return read;
}

/** The whole quota a form asks for, or one ValidationError with a message on each bad field. */
export function quotaFromForm(fields: Record<string, unknown>, prefix: string = QUOTA_PREFIX): Hard {
  const { hard, errors } = requireQuotaFields(fields, prefix);
  if (Object.keys(errors).length > 0) throw new ValidationError("Please correct the highlighted fields.", errors);
  return hard;
}

/** The value of a quantity already known to be valid, for comparisons. */
export { quantityValue };

/** Keys of `hard` whose value is above `limit`'s (or that `limit` does not have). */
export function keysAbove(hard: Hard, limit: Hard): string[] {
  return Object.entries(hard)
    .filter(([key, value]) => limit[key] === undefined || quantityValue(value) > quantityValue(limit[key] ?? "0"))
    .map(([key]) => key);
}

export function labelOf(key: string): string {
  return QUOTA_KEYS.find((spec) => spec.key === key)?.label ?? key;
}
