// Tier forms: strict shapes (unknown fields refused) whose fields are all read by tierValues, so
// that one submit reports every bad field at once — names, quantities, maximums at least the
// quota, defaults fitting the quota — instead of one stage of checks per submit.
import { z } from "zod";
import { ValidationError, type FieldErrors } from "@/lib/model/errors";
import { keysAbove, labelOf, QUOTA_PREFIX, quotaFieldShape, readQuotaFields } from "@/lib/quota/fields";
import type { Hard } from "@/lib/quota/keys";
import { plainText } from "@/lib/model/text";
import { DEFAULT_FIELDS, readContainerDefaults, type ContainerDefaults, type DefaultField } from "./container-defaults";
import { MAX_EGRESS_RULES, readGuardrails, type TierGuardrails } from "./guardrails";

export const MAX_PREFIX = "max.";

const formText = z.string().max(2000).optional();
const defaultFieldShape = Object.fromEntries(Object.keys(DEFAULT_FIELDS).map((field) => [field, z.string().max(64).optional()])) as Record<
  DefaultField,
  z.ZodOptional<z.ZodString>
>;

// Each field's own rule, checked by tierValues so that all their messages come together.
const fieldRules = {
  slug: z
    .string({ error: "Enter a short identifier." })
    .regex(/^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$/, "The identifier may use lower-case letters, digits and '-', at most 32 characters."),
  name: plainText("Name", 80),
  description: plainText("Description", 500),
  approvalsRequired: z.enum(["1", "2"], { error: "Choose one or two approvals." }),
  lifetimeDays: z
    .string()
    .trim()
    .regex(/^([1-9][0-9]{0,3})?$/, "Lifetime must be a whole number of days between 1 and 9999, or empty for none.")
    .optional(),
};

const tierFields = {
  name: formText,
  description: formText,
  approvalsRequired: formText,
  lifetimeDays: formText,
  ...quotaFieldShape(QUOTA_PREFIX),
  ...quotaFieldShape(MAX_PREFIX),
  ...defaultFieldShape,
  podSecurity: z.string().max(20).optional(),
  privilegedOverride: z.literal("on").optional(),
  egressAllow: z.string().max(MAX_EGRESS_RULES * 200, "The allowlist is too long.").optional(),
};

const versionField = z.coerce.number({ error: "Missing version." }).int().positive();

export const createTierInput = z.strictObject({ slug: formText, ...tierFields });
export const updateTierInput = z.strictObject({ slug: z.string().max(64), version: versionField, ...tierFields });
export const retireTierInput = z.strictObject({ slug: z.string().max(64), version: versionField });

export interface TierValues {
  slug: string;
  name: string;
  description: string;
  hard: Hard;
  maxHard: Hard | null;
  approvalsRequired: number;
  lifetimeDays: number | null;
  containerDefaults: ContainerDefaults | null;
  guardrails: TierGuardrails;
}

/** What an edit starts from: the defaults stay optional where the stored tier needed none it lacks. */
export interface TierBefore {
  hard: Hard;
  containerDefaults: ContainerDefaults | null;
}

type TierInput = z.infer<typeof createTierInput> | z.infer<typeof updateTierInput>;

/** The values a tier form stores, or one ValidationError with every field's messages. */
export function tierValues(input: TierInput, before?: TierBefore): TierValues {
  const fields = input as Record<string, unknown>;
  const errors: FieldErrors = {};
  const rule = <K extends keyof typeof fieldRules>(field: K): z.infer<(typeof fieldRules)[K]> | undefined => {
    const parsed = fieldRules[field].safeParse(fields[field]);
    if (parsed.success) return parsed.data as z.infer<(typeof fieldRules)[K]>;
    errors[field] = parsed.error.issues.map((issue) => issue.message);
    return undefined;
  };
  const slug = before ? String(input.slug) : rule("slug");
  const name = rule("name");
  const description = rule("description");
  const approvals = rule("approvalsRequired");
  const lifetime = rule("lifetimeDays");

  const quota = readQuotaFields(fields, QUOTA_PREFIX);
  const max = readQuotaFields(fields, MAX_PREFIX);
  Object.assign(errors, quota.errors, max.errors);
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
  const defaults = readContainerDefaults(fields as Partial<Record<DefaultField, string>>, quota.hard, before);
  Object.assign(errors, defaults.errors);
  const guardrails = readGuardrails(input);
  Object.assign(errors, guardrails.errors);
  if (Object.keys(errors).length > 0 || slug === undefined || name === undefined || description === undefined || approvals === undefined) {
    throw new ValidationError("Please correct the highlighted fields.", errors);
  }
  return {
    slug,
    name,
    description,
    hard: quota.hard,
    maxHard,
    approvalsRequired: Number(approvals),
    lifetimeDays: lifetime ? Number(lifetime) : null,
    containerDefaults: defaults.defaults,
    guardrails: guardrails.guardrails,
  };
}
