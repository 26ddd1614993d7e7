// Quota maps as the API server returns them. A Profile's `hard` is int-or-string in its CRD
// (`kubectl patch ... {"pods": 20}` stores the integer 20), and a typed ResourceQuota answers
// strings: both become the text form Berth compares and stores. Anything else is kept as text
// that no quantity parser accepts, so that it shows as drift on its own workspace and never
// fails a whole pass.
import type { Hard } from "./keys";

/** One value of a quota map in the text form of a quantity (`20` → `"20"`). */
export function quantityText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  // A float or an object is not a quantity; JSON keeps it readable in drift and audit.
  return JSON.stringify(value) ?? String(value);
}

/** A `hard` or `used` map as the API server returned it, with every value as quantity text. */
export function hardFromCluster(raw: unknown): Hard {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return {};
  return Object.fromEntries(Object.entries(raw as Record<string, unknown>).map(([key, value]) => [key, quantityText(value)]));
}
