// The ResourceQuota keys Berth manages, with a label for people and a sanity cap each.
// An unknown key once sent the profile controller into an error loop, so only these pass.

import { parseQuantity } from "./quantity";

export interface QuotaKey {
  key: string;
  label: string;
  /** Upper bound in base units: anything above is a typo, not a request. */
  max: number;
}

export const QUOTA_KEYS: readonly QuotaKey[] = [
  { key: "requests.cpu", label: "CPU requests (cores)", max: 1024 },
  { key: "limits.cpu", label: "CPU limits (cores)", max: 2048 },
  { key: "requests.memory", label: "Memory requests", max: 8 * 2 ** 40 },
  { key: "limits.memory", label: "Memory limits", max: 16 * 2 ** 40 },
  { key: "requests.nvidia.com/gpu", label: "GPUs", max: 64 },
  { key: "pods", label: "Pods", max: 10_000 },
  { key: "persistentvolumeclaims", label: "Volume claims", max: 1_000 },
  { key: "requests.storage", label: "Storage requests", max: 1024 * 2 ** 40 },
];

const BY_KEY = new Map(QUOTA_KEYS.map((k) => [k.key, k]));

export type Hard = Record<string, string>;

export type HardCheck = { ok: true; hard: Hard } | { ok: false; errors: string[] };

/** Validates a quota's `hard` map: known keys, valid quantities within caps, never empty. */
export function checkHard(input: unknown): HardCheck {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, errors: ["The quota must be a map of resource names to quantities."] };
  }
  const errors: string[] = [];
  const hard: Hard = {};
  for (const [key, value] of Object.entries(input)) {
    const spec = BY_KEY.get(key);
    if (!spec) {
      errors.push(`"${key.slice(0, 40)}" is not a quota key Berth manages.`);
      continue;
    }
    if (typeof value !== "string") {
      errors.push(`${spec.label}: the value must be a quantity such as 4, 500m or 16Gi.`);
      continue;
    }
    const parsed = parseQuantity(value);
    if (!parsed.ok) errors.push(`${spec.label}: ${parsed.message}`);
    else if (parsed.value > spec.max) errors.push(`${spec.label}: ${value} is above the cap Berth allows.`);
    else hard[key] = value;
  }
  // An empty `hard` makes the profile controller delete the namespace's quota.
  if (errors.length === 0 && Object.keys(hard).length === 0) errors.push("A quota needs at least one limit.");
  return errors.length ? { ok: false, errors } : { ok: true, hard };
}
