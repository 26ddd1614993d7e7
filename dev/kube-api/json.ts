// JSON value helpers shared by the stand-in: typing, deep equality, cloning and the
// key order kube-apiserver's encoders produce (Go maps sorted, Go structs in field order).

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function clone<T extends Json>(value: T): T {
  return structuredClone(value);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ak = Object.keys(a);
    if (ak.length !== Object.keys(b).length) return false;
    return ak.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Child object at `key`, or undefined when absent or not an object. */
export function child(obj: Json | undefined, key: string): JsonObject | undefined {
  if (!isObject(obj)) return undefined;
  const value = obj[key];
  return isObject(value) ? value : undefined;
}

/** Nested value by path, undefined when any step is missing. */
export function getPath(obj: Json | undefined, path: readonly string[]): Json | undefined {
  let cur: Json | undefined = obj;
  for (const key of path) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

export function metadataOf(obj: JsonObject): JsonObject {
  let meta = obj["metadata"];
  if (!isObject(meta)) {
    meta = {};
    obj["metadata"] = meta;
  }
  return meta;
}

export function stringAt(obj: Json | undefined, path: readonly string[]): string | undefined {
  const value = getPath(obj, path);
  return typeof value === "string" ? value : undefined;
}

/** Go's encoding/json sorts map keys by their UTF-8 bytes; for our ASCII keys that is code-unit order. */
export function sortedKeys(obj: JsonObject): string[] {
  return Object.keys(obj).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

/** Re-creates `value` with every object's keys sorted, as Go does for unstructured (map) objects. */
export function sortKeysDeep(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const key of sortedKeys(value)) out[key] = sortKeysDeep(value[key] as Json);
  return out;
}

/** Drops null members recursively (CRD storage prunes nulls of non-nullable fields; ObjectMeta drops them too). */
export function dropNulls(value: Json): Json {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    if (v !== null) out[key] = dropNulls(v);
  }
  return out;
}

export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
