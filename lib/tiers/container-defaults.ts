// Default container requests/limits of a tier. A quota on CPU or memory makes the API server
// refuse pods that declare none, so such a tier must carry defaults (written as a LimitRange).
import type { FieldErrors } from "@/lib/model/errors";
import type { Hard } from "@/lib/quota/keys";
import { parseQuantity, quantityValue } from "@/lib/quota/quantity";

export interface ContainerDefaults {
  defaultRequest: { cpu?: string; memory?: string };
  default: { cpu?: string; memory?: string };
}

export const DEFAULT_FIELDS = {
  defaultCpuRequest: { resource: "cpu", kind: "defaultRequest", label: "Default CPU request" },
  defaultCpuLimit: { resource: "cpu", kind: "default", label: "Default CPU limit" },
  defaultMemoryRequest: { resource: "memory", kind: "defaultRequest", label: "Default memory request" },
  defaultMemoryLimit: { resource: "memory", kind: "default", label: "Default memory limit" },
} as const;
export type DefaultField = keyof typeof DEFAULT_FIELDS;

/**
 * Validates the four default fields against the tier's quota; null when the tier needs none.
 * On an edit (`before`), a resource's defaults are required only when the edit newly limits it
 * or the tier had them: the built-in tiers were seeded without defaults, and changing their
 * description must not make anyone invent four values.
 */
export function readContainerDefaults(
  fields: Partial<Record<DefaultField, string>>,
  hard: Hard,
  before?: { hard: Hard; containerDefaults: ContainerDefaults | null },
): { defaults: ContainerDefaults | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const defaults: ContainerDefaults = { defaultRequest: {}, default: {} };
  for (const [field, spec] of Object.entries(DEFAULT_FIELDS) as [DefaultField, (typeof DEFAULT_FIELDS)[DefaultField]][]) {
    const value = fields[field]?.trim() ?? "";
    const quotaKeys = [`requests.${spec.resource}`, `limits.${spec.resource}`];
    const limited = (quota: Hard) => quotaKeys.some((key) => quota[key] !== undefined);
    const hadDefaults = Boolean(before?.containerDefaults?.[spec.kind][spec.resource]);
    const needed = limited(hard) && (!before || !limited(before.hard) || hadDefaults);
    if (value === "") {
      if (needed) errors[field] = [`${spec.label} is required: this tier sets a ${spec.resource} quota, and pods without requests would not start.`];
      continue;
    }
    const parsed = parseQuantity(value);
    if (!parsed.ok) {
      errors[field] = [`${spec.label}: ${parsed.message}`];
      continue;
    }
    const cap = hard[spec.kind === "default" ? `limits.${spec.resource}` : `requests.${spec.resource}`];
    if (cap !== undefined && parsed.value > quantityValue(cap)) {
      errors[field] = [`${spec.label}: ${value} is more than the tier's whole quota (${cap}).`];
      continue;
    }
    defaults[spec.kind][spec.resource] = value;
  }
  for (const resource of ["cpu", "memory"] as const) {
    const request = defaults.defaultRequest[resource];
    const limit = defaults.default[resource];
    if (request && limit && quantityValue(request) > quantityValue(limit)) {
      const field: DefaultField = resource === "cpu" ? "defaultCpuRequest" : "defaultMemoryRequest";
      errors[field] = [`The default ${resource} request must not be larger than the default ${resource} limit.`];
    }
  }
  const empty = Object.keys(defaults.defaultRequest).length === 0 && Object.keys(defaults.default).length === 0;
  return { defaults: empty ? null : defaults, errors };
}
