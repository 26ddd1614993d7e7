// Kubernetes resource quantities ("500m", "16Gi", "20"): strict parsing so that nothing
// the API server would refuse, and nothing negative or absurd, is ever written.

// The API server's own pattern (see the 422 it returns for a bad quantity), minus the
// optional sign: quotas are never negative.
const QUANTITY = /^(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

export type QuantityParse = { ok: true; value: number } | { ok: false; message: string };

/**
 * Parses a quantity into its value in base units (cores, bytes, count). An integer is the quantity
 * it spells: the Profile CRD declares its quotas int-or-string, so the API server may answer one.
 */
export function parseQuantity(input: string | number): QuantityParse {
  if (typeof input === "number") {
    if (Number.isSafeInteger(input) && input >= 0) return { ok: true, value: input };
    return { ok: false, message: `${input} is not a Kubernetes quantity (examples: 4, 500m, 16Gi).` };
  }
  if (typeof input !== "string") return { ok: false, message: "The value is not a Kubernetes quantity (examples: 4, 500m, 16Gi)." };
  const text = input;
  if (text !== text.trim() || text.length === 0 || text.length > 32 || !QUANTITY.test(text)) {
    return { ok: false, message: `"${truncate(text)}" is not a Kubernetes quantity (examples: 4, 500m, 16Gi).` };
  }
  const match = /^([0-9.]+)(.*)$/.exec(text);
  const [, digits = "", suffix = ""] = match ?? [];
  let value: number;
  if (suffix in BINARY) value = Number(digits) * (BINARY[suffix] ?? 1);
  else if (suffix in DECIMAL) value = Number(digits) * (DECIMAL[suffix] ?? 1);
  else value = Number(digits) * 10 ** Number(suffix.slice(1));
  if (!Number.isFinite(value)) return { ok: false, message: `"${truncate(text)}" is too large.` };
  return { ok: true, value };
}

function truncate(text: string): string {
  return text.length > 24 ? `${text.slice(0, 24)}…` : text;
}

/** The value of a quantity already validated when it was stored. */
export function quantityValue(text: string | number): number {
  const parsed = parseQuantity(text);
  if (!parsed.ok) throw new Error(`invalid stored quantity ${text}`);
  return parsed.value;
}
