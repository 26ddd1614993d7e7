// Bounds on what one audit row may hold (THREATS 62): the trail is append-only, so anything a
// caller can make large would grow it forever. JSON (before/after) is clipped in depth, keys,
// key length, string length and total size, with a marker saying it was; field names a caller
// invented are reported by count and a few clipped samples, never in full.

export const MAX_JSON_BYTES = 8_192;
export const MAX_KEY_CHARS = 64;
export const MAX_STRING_CHARS = 1_000;
export const MAX_KEYS = 40;
export const MAX_ITEMS = 50;
export const MAX_DEPTH = 6;
/** The key added to a clipped object (or the wrapper of a clipped non-object). */
export const CLIPPED_MARKER = "…clipped";

const clipText = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** Clips one value; `clipped` says whether anything was lost. Input is JSON-compatible. */
function clipValue(value: unknown, depth: number, note: { clipped: boolean }): unknown {
  if (value === null || typeof value === "boolean") return value;
  // PostgreSQL prints 1e-7 as 0.0000001, so a number JavaScript writes with an exponent would
  // hash differently there and here (lib/audit/chain.ts): it is kept as its text.
  if (typeof value === "number") return /e/i.test(String(value)) ? String(value) : value;
  if (typeof value === "string") {
    if (value.length > MAX_STRING_CHARS) note.clipped = true;
    return clipText(value, MAX_STRING_CHARS);
  }
  if (depth >= MAX_DEPTH) {
    note.clipped = true;
    return "…";
  }
  if (Array.isArray(value)) {
    if (value.length > MAX_ITEMS) note.clipped = true;
    const items = value.slice(0, MAX_ITEMS).map((item) => clipValue(item, depth + 1, note));
    return value.length > MAX_ITEMS ? [...items, `… ${value.length - MAX_ITEMS} more`] : items;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length > MAX_KEYS) note.clipped = true;
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [key, item] of entries.slice(0, MAX_KEYS)) {
      if (key.length > MAX_KEY_CHARS) note.clipped = true;
      out[clipText(key, MAX_KEY_CHARS)] = clipValue(item, depth + 1, note);
    }
    if (entries.length > MAX_KEYS) out["…more keys"] = entries.length - MAX_KEYS;
    return { ...out };
  }
  note.clipped = true;
  return null;
}

/** A JSON value as it may be stored: within every bound above, marked when clipped. */
export function boundJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  const plain: unknown = JSON.parse(JSON.stringify(value));
  const note = { clipped: false };
  const bounded = clipValue(plain, 0, note);
  if (Buffer.byteLength(JSON.stringify(bounded)) > MAX_JSON_BYTES) {
    // Still too large after clipping each part: keep a readable prefix only.
    const original = JSON.stringify(plain);
    return { [CLIPPED_MARKER]: true, bytes: Buffer.byteLength(original), preview: clipText(original, 1_000) };
  }
  if (!note.clipped) return bounded;
  if (bounded !== null && typeof bounded === "object" && !Array.isArray(bounded)) return { ...bounded, [CLIPPED_MARKER]: true };
  return { [CLIPPED_MARKER]: true, value: bounded };
}

/** Short text columns (reason, user agent, …): clipped with an ellipsis. */
export function boundText(text: string | null | undefined, max: number): string | null {
  if (text === undefined || text === null) return null;
  return clipText(text, max);
}

const UNKNOWN_FIELD = /^Unknown field /;
const SAMPLE_NAMES = 3;
const SAMPLE_NAME_CHARS = 40;

/**
 * A refused input's field errors as stored: the errors of the operation's own fields (there
 * are few), and the fields the caller invented only as a count and a few clipped names.
 */
export function summariseFieldErrors(fieldErrors: Record<string, string[] | undefined>): {
  fieldErrors: Record<string, string[]>;
  unknownFields?: { count: number; sample: string[] };
} {
  const known: Record<string, string[]> = {};
  const unknown: string[] = [];
  for (const [name, messages = []] of Object.entries(fieldErrors)) {
    if (messages.length > 0 && messages.every((m) => UNKNOWN_FIELD.test(m))) unknown.push(name);
    else if (Object.keys(known).length < MAX_KEYS) known[clipText(name, MAX_KEY_CHARS)] = messages.slice(0, 5).map((m) => clipText(m, 200));
    else unknown.push(name);
  }
  if (unknown.length === 0) return { fieldErrors: known };
  return {
    fieldErrors: known,
    unknownFields: { count: unknown.length, sample: unknown.slice(0, SAMPLE_NAMES).map((n) => clipText(n, SAMPLE_NAME_CHARS)) },
  };
}
