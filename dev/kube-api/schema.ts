// A small structural schema, enough to do what the API server derives from OpenAPI: which maps are
// structs and which are granular maps (for field ownership), pruning of unknown fields, type checks
// and the key order of typed (core) objects.
import { isObject, sortedKeys, type Json, type JsonObject } from "./json";

export type Schema =
  | { type: "struct"; fields: Record<string, Schema>; required?: readonly string[] }
  | { type: "map"; values: Schema }
  | { type: "list"; items: Schema }
  | { type: "string" | "integer" | "boolean" }
  | { type: "int-or-string"; pattern?: string }
  | { type: "quantity" }
  | { type: "any" };

export type StructSchema = Extract<Schema, { type: "struct" }>;

export const ANY: Schema = { type: "any" };

/** The schema of `key` inside `schema`, or undefined when the key is not declared. */
export function fieldSchema(schema: Schema, key: string): Schema | undefined {
  if (schema.type === "struct") return schema.fields[key];
  if (schema.type === "map") return schema.values;
  if (schema.type === "any") return ANY;
  return undefined;
}

/** Leaves for field ownership: scalars, atomic lists and free-form objects. */
export function isLeafSchema(schema: Schema): boolean {
  return schema.type !== "struct" && schema.type !== "map";
}

function jsonType(v: Json): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v === "object" ? "object" : typeof v;
}

/**
 * Drops fields the schema does not declare, as CRD pruning and typed decoding do for POST/PUT/PATCH.
 * Returns the pruned value and the dropped paths (for `Warning: unknown field` headers).
 */
export function pruneUnknown(value: Json, schema: Schema, path = ""): { value: Json; unknown: string[] } {
  const unknown: string[] = [];
  const walk = (v: Json, s: Schema, p: string): Json => {
    if (s.type === "list" && Array.isArray(v)) return v.map((item, i) => walk(item, s.items, `${p}[${i}]`));
    if ((s.type !== "struct" && s.type !== "map") || !isObject(v)) return v;
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(v)) {
      const sub = fieldSchema(s, key);
      const childPath = p ? `${p}.${key}` : key;
      if (!sub) {
        unknown.push(childPath);
        continue;
      }
      out[key] = walk(item, sub, childPath);
    }
    return out;
  };
  return { value: walk(value, schema, path), unknown };
}

function goValue(v: Json): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (v === null || typeof v !== "object") return String(v);
  return Array.isArray(v) ? `[]interface {}{...}` : `map[string]interface {}{...}`;
}

/**
 * What server-side apply's typed conversion rejects (structured-merge-diff errors): undeclared
 * fields and wrong shapes. Returned as the server's joined message, or undefined when fine.
 */
export function typedConversionErrors(value: Json, schema: Schema): string | undefined {
  const errors: string[] = [];
  const walk = (v: Json, s: Schema, p: string): void => {
    if (v === null) return;
    switch (s.type) {
      case "any":
        return;
      case "struct":
      case "map":
        if (!isObject(v)) {
          errors.push(`${p}: expected map, got &{${goValue(v)}}`);
          return;
        }
        for (const [key, item] of Object.entries(v)) {
          const sub = fieldSchema(s, key);
          if (!sub) errors.push(`${p}.${key}: field not declared in schema`);
          else walk(item, sub, `${p}.${key}`);
        }
        return;
      case "list":
        if (!Array.isArray(v)) errors.push(`${p}: expected list, got &{${goValue(v)}}`);
        return;
      case "string":
        if (typeof v !== "string") errors.push(`${p}: expected string, got &value.valueUnstructured{Value:${goValue(v)}}`);
        return;
      case "boolean":
        if (typeof v !== "boolean") errors.push(`${p}: expected boolean, got &{${goValue(v)}}`);
        return;
      case "integer":
        if (typeof v !== "number") errors.push(`${p}: expected numeric (int or float), got ${typeof v === "string" ? "string" : jsonType(v)}`);
        return;
      default:
        if (typeof v === "object") errors.push(`${p}: expected scalar, got &{${goValue(v)}}`);
    }
  };
  walk(value, schema, "");
  if (errors.length === 0) return undefined;
  return errors.length === 1 ? errors[0] : ["errors:", ...errors.map((e) => `  ${e}`)].join("\n");
}

/** The type name kube-openapi reports for a value of the wrong type. */
export function openApiTypeName(v: Json): string {
  return jsonType(v);
}

/**
 * Re-creates `value` with keys in the order the server's encoder writes them: declared order for
 * typed structs, sorted for maps and for everything when `sortAll` (unstructured custom resources).
 */
export function orderKeys(value: Json, schema: Schema, sortAll: boolean): Json {
  if (Array.isArray(value)) {
    const items = schema.type === "list" ? schema.items : ANY;
    return value.map((v) => orderKeys(v, items, sortAll));
  }
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  const keys =
    schema.type === "struct" && !sortAll
      ? [...Object.keys(schema.fields).filter((k) => k in value), ...sortedKeys(value).filter((k) => !(k in schema.fields))]
      : sortedKeys(value);
  for (const key of keys) out[key] = orderKeys(value[key] as Json, fieldSchema(schema, key) ?? ANY, sortAll);
  return out;
}
