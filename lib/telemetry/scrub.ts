// What may reach the log: values under secret-sounding keys are replaced, and secrets that hide
// inside text (OAuth `state`/`code` parameters, bearer tokens, JWTs, cookies) are cut out.
// Auth.js puts the raw `state`, the authorization code and cookies into its errors and debug
// metadata, so everything it hands the logger passes through here (THREATS 87).

export const REMOVED = "[removed]";

// Keys whose values are secrets or one-time credentials, wherever they appear.
const SECRET_KEY = /(state|code|token|cookie|secret|password|passwd|authorization|nonce|verifier|assertion|session|credential|signature|jwt|key)$/i;
// Key names that end like a secret word but are not one.
const HARMLESS_KEYS = new Set(["errorCode", "statusCode", "code_challenge_method", "keyId", "tokenType"]);

const TEXT_PATTERNS: [RegExp, string][] = [
  // Query or form parameters: ?state=…&code=…, also URL-encoded inside a longer text.
  [/\b(state|code|id_token|access_token|refresh_token|token|code_verifier|nonce|client_secret)(=|%3D)[^&\s"'<>]+/gi, `$1$2${REMOVED}`],
  // Bearer and Basic credentials.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REMOVED}`],
  // JWTs and JWEs: base64url segments separated by dots, starting with a JSON header.
  [/\beyJ[A-Za-z0-9_-]*(\.[A-Za-z0-9_-]*){1,4}/g, REMOVED],
  // Auth.js cookies by name, with their value.
  [/((?:__Secure-|__Host-)?authjs\.[a-z-]+(?:\.\d+)?)=[^;\s]+/gi, `$1=${REMOVED}`],
  // "state": "…" / state: '…' inside serialized text.
  [/(["']?(?:state|code|token|cookie|nonce)["']?\s*[:=]\s*)(["'])[^"']*\2/gi, `$1$2${REMOVED}$2`],
];

export function scrubText(text: string): string {
  return TEXT_PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

function isSecretKey(key: string): boolean {
  return !HARMLESS_KEYS.has(key) && SECRET_KEY.test(key.replace(/[-_]/g, ""));
}

/** A copy of `value` fit for the log: secrets removed, errors as plain objects, cycles cut, depth bounded. */
export function scrub(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return scrubText(value);
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value) || depth > 6) return "[…]";
  seen.add(value);
  if (value instanceof URLSearchParams || value instanceof URL) return scrubText(value.toString());
  if (value instanceof Headers) return scrub(Object.fromEntries(value.entries()), depth + 1, seen);
  if (value instanceof Error) {
    const plain: Record<string, unknown> = { type: (value as { type?: unknown }).type ?? value.name, message: scrubText(value.message) };
    if (value.stack) plain.stack = scrubText(value.stack);
    if (value.cause !== undefined) plain.cause = scrub(value.cause, depth + 1, seen);
    return plain;
  }
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => scrub(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSecretKey(key) && item !== null && item !== undefined && typeof item !== "boolean" && typeof item !== "number" ? REMOVED : scrub(item, depth + 1, seen);
  }
  return out;
}
