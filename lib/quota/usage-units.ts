// Usage said in the unit of its limit ("1.5 / 2 CPU", "3.5Gi / 8Gi"), never mixed ("1500m / 2"),
// so the two numbers can be compared at a glance.
import { parseQuantity } from "./quantity";

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** The word after a count with no unit suffix, by quota key. */
function countWord(key: string): string {
  if (key.endsWith(".cpu")) return "CPU";
  if (key.endsWith("gpu")) return "GPU";
  if (key === "pods") return "pods";
  if (key === "persistentvolumeclaims") return "claims";
  return "";
}

export interface UsageInUnits {
  /** Used, in the limit's unit ("1.5", "3.5Gi"). */
  used: string;
  limit: string;
  /** "1.5 / 2 CPU" */
  text: string;
  /** Used ÷ limit, 0…∞ (1 is full); 0 when either is unknown. */
  share: number;
}

/** A number with at most two decimals, trailing zeros dropped. */
export function trimNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** The limit's suffix and its factor; a limit in exponent form ("1e3") counts as no suffix. */
function unitOf(limit: string): { suffix: string; factor: number } {
  const suffix = /^[0-9.]+([a-zA-Z]*)$/.exec(limit)?.[1] ?? "";
  if (suffix in BINARY) return { suffix, factor: BINARY[suffix] ?? 1 };
  if (suffix in DECIMAL) return { suffix, factor: DECIMAL[suffix] ?? 1 };
  return { suffix: "", factor: 1 };
}

/** Expresses a base-unit value in the unit a limit is written in. */
export function inUnitOf(value: number, limit: string): string {
  if (value === 0) return "0";
  const { suffix, factor } = unitOf(limit);
  return `${trimNumber(value / factor)}${suffix}`;
}

export function usageInUnits(key: string, used: string | undefined, limit: string): UsageInUnits {
  const usedValue = used === undefined ? { ok: true as const, value: 0 } : parseQuantity(used);
  const limitValue = parseQuantity(limit);
  const usedText = usedValue.ok ? inUnitOf(usedValue.value, limit) : (used ?? "0");
  const limitText = limitValue.ok ? inUnitOf(limitValue.value, limit) : limit;
  const word = countWord(key);
  let share = 0;
  if (usedValue.ok && limitValue.ok) share = limitValue.value === 0 ? (usedValue.value > 0 ? 1 : 0) : usedValue.value / limitValue.value;
  return { used: usedText, limit: limitText, text: `${usedText} / ${limitText}${word ? ` ${word}` : ""}`, share };
}
