// Quotas compared by value, as the API server canonicalises them (`1000m` is `1`, `1024Mi` is `1Gi`).
import type { Hard } from "./keys";
import { parseQuantity } from "./quantity";

function valueOf(text: string | number | undefined): number | undefined {
  if (text === undefined) return undefined;
  const parsed = parseQuantity(text);
  return parsed.ok ? parsed.value : undefined;
}

/** The same quantity, by value (`1000m` is `1`); an unparsable value equals only itself. */
export function sameQuantity(a: string | number | undefined, b: string | number | undefined): boolean {
  if (a === b) return true;
  const x = valueOf(a);
  const y = valueOf(b);
  if (x === undefined || y === undefined) return false;
  // Relative tolerance: binary suffixes and decimal fractions meet in floating point.
  return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
}

/** Same keys, and each value the same quantity. */
export function sameHard(a: Hard, b: Hard): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (!sameQuantity(a[key], b[key])) return false;
  return true;
}

export interface UsageWarning {
  key: string;
  limit: string;
  used: string;
}

/** Limits in `hard` below what the namespace already uses. */
export function belowUsage(hard: Hard, used: Hard): UsageWarning[] {
  const warnings: UsageWarning[] = [];
  for (const [key, limit] of Object.entries(hard)) {
    const u = valueOf(used[key]);
    const l = valueOf(limit);
    if (u !== undefined && l !== undefined && l < u) warnings.push({ key, limit, used: used[key] ?? "" });
  }
  return warnings;
}

/** The quota of a suspended workspace: every limit kept, but no pod may start. */
export function suspendedHard(hard: Hard): Hard {
  return { ...hard, pods: "0" };
}
