// Tier forms: strict shapes (unknown fields refused) and the checks zod cannot express
// alone — quantities per field, maximums at least the quota, defaults fitting the quota.
import { z } from "zod";
import { ValidationError, type FieldErrors } from "@/lib/model/errors";
import { keysAbove, labelOf, QUOTA_PREFIX, quotaFieldShape, readQuotaFields } from "@/lib/quota/fields";
import type { Hard } from "@/lib/quota/keys";
import { plainText } from "@/lib/model/text";
import { DEFAULT_FIELDS, readContainerDefaults, type ContainerDefaults, type DefaultField } from "./container-defaults";
import { MAX_EGRESS_RULES, readGuardrails, type TierGuardrails } from "./guardrails";

export const MAX_PREFIX = "max.";

const optionalText = z.string().max(64).optional();
const defaultFieldShape = Object.fromEntries(Object.keys(DEFAULT_FIELDS).map((field) => [field, optionalText])) as Record<
  DefaultField,
  typeof optionalText
>;

const tierFields = {
  name: plainText("Name", 80),
  description: plainText("Description", 500),
  approvalsRequired: z.enum(["1", "2"], { error: "Choose one or two approvals." }),
  lifetimeDays: z
    .string()
    .trim()
    .regex(/^([1-9][0-9]{0,3})?$/, "Lifetime must be a whole number of days between 1 and 9999, or empty for none.")
    .optional(),
  ...quotaFieldShape(QUOTA_PREFIX),
  ...quotaFieldShape(MAX_PREFIX),
  ...defaultFieldShape,
  podSecurity: z.string().max(20).optional(),
  privilegedOverride: z.literal("on").optional(),
  egressAllow: z.string().max(MAX_EGRESS_RULES * 200, "The allowlist is too long.").optional(),
};

const versionField = z.coerce.number({ error: "Missing version." }).int().positive();

export const createTierInput = z.strictObject({
  slug: z
    .string({ error: "Enter a short identifier." })
    .regex(/^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$/, "The identifier may use lower-case letters, digits and '-', at most 32 characters."),
  ...tierFields,
});
export const updateTierInput = z.strictObject({ slug: z.string().max(64), version: versionField, ...tierFields });
export const retireTierInput = z.strictObject({ slug: z.string().max(64), version: versionField });

export interface TierValues {
  name: string;
  description: string;
  hard: Hard;
  maxHard: Hard | null;
  approvalsRequired: number;
  lifetimeDays: number | null;
  containerDefaults: ContainerDefaults | null;
  guardrails: TierGuardrails;
}

/** The values a parsed tier form stores, or one ValidationError with every field's messages. */
export function tierValues(input: z.infer<typeof createTierInput> | z.infer<typeof updateTierInput>): TierValues {
  const fields = input as Record<string, unknown>;
  const quota = readQuotaFields(fields, QUOTA_PREFIX);
  const max = readQuotaFields(fields, MAX_PREFIX);
  const errors: FieldErrors = { ...quota.errors, ...max.errors };
  if (Object.keys(quota.hard).length === 0 && Object.keys(quota.errors).length === 0) {
    // An empty `hard` makes the profile controller delete the namespace's quota.
    errors.quota = ["A tier needs at least one quota limit."];
  }
  for (const key of Object.keys(max.hard)) {
    if (quota.hard[key] === undefined) errors[`${MAX_PREFIX}${key}`] = [`${labelOf(key)}: a maximum needs a quota value for the same key.`];
  }
  const maxHard = Object.keys(max.hard).length > 0 ? { ...quota.hard, ...max.hard } : null;
  if (maxHard) {
    for (const key of keysAbove(quota.hard, maxHard)) {
      errors[`${MAX_PREFIX}${key}`] ??= [`${labelOf(key)}: the maximum must be at least the tier's value.`];
    }
  }
  const defaults = readContainerDefaults(fields as Partial<Record<DefaultField, string>>, quota.hard);
  Object.assign(errors, defaults.errors);
  const guardrails = readGuardrails(input);
  Object.assign(errors, guardrails.errors);
  if (Object.keys(errors).length > 0) throw new ValidationError("Please correct the highlighted fields.", errors);
  const lifetime = input.lifetimeDays ? Number(input.lifetimeDays) : null;
  return {
    name: input.name,
    description: input.description,
    hard: quota.hard,
    maxHard,
    approvalsRequired: Number(input.approvalsRequired),
    lifetimeDays: lifetime,
    containerDefaults: defaults.defaults,
    guardrails: guardrails.guardrails,
  };
}
