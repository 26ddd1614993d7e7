// Between HTTP and storage: the request/response shapes handlers share, decoding request bodies the
// way the server's decoders fail, version conversion, and encoding objects in the server's key order.
import type { PolicyRule } from "./auth";
import { clone, isObject, sortKeysDeep, type Json, type JsonObject } from "./json";
import { apiVersionOf, type ResourceDef } from "./resources";
import { canonicalQuantity } from "./quantity";
import { ANY, fieldSchema, orderKeys, pruneUnknown, type Schema } from "./schema";
import { badRequest } from "./status";

export interface RequestInfo {
  isResourceRequest: boolean;
  path: string;
  verb: string;
  apiPrefix: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
}

export interface RequestContext {
  method: string;
  info: RequestInfo;
  query: URLSearchParams;
  body: Buffer;
  contentType: string;
  userAgent: string;
  now: Date;
  /** The authenticated user's RBAC rules (a SelfSubjectRulesReview answers with them). */
  rules?: readonly PolicyRule[];
}

export interface ApiResult {
  status: number;
  body: Json;
  warnings?: string[];
}

/** Objects as the server encodes them: custom resources with sorted keys, typed objects in struct order. */
export function toWire(def: ResourceDef, obj: JsonObject, version: string): JsonObject {
  const out = clone(obj);
  out["apiVersion"] = apiVersionOf(def, version);
  out["kind"] = def.kind;
  return (def.custom ? sortKeysDeep(out) : orderKeys(out, def.schema, false)) as JsonObject;
}

/** Core list items carry no kind/apiVersion; custom resource items keep theirs. */
export function toWireItem(def: ResourceDef, obj: JsonObject, version: string): JsonObject {
  const out = toWire(def, obj, version);
  if (!def.custom) {
    delete out["kind"];
    delete out["apiVersion"];
  }
  return out;
}

/** summarizeData: how decode errors quote the start of a body. */
function summarize(body: string): string {
  if (body.length === 0) return "<empty>";
  if (body.startsWith("{")) return body.length > 30 ? `${body.slice(0, 30)} ...` : body;
  const hex = Buffer.from(body.slice(0, 30)).toString("hex");
  return body.length > 30 ? `${hex} ...` : hex;
}

export function parseJson(body: Buffer): Json | undefined {
  try {
    return JSON.parse(body.toString("utf8")) as Json;
  } catch {
    return undefined;
  }
}

/**
 * Decodes a POST/PUT body into an object of this resource, failing like the server's decoder:
 * unreadable or kind-less bodies are 400, and an apiVersion from another group is 400.
 */
export function decodeObjectBody(def: ResourceDef, version: string, body: Buffer): JsonObject {
  const text = body.toString("utf8");
  const parsed = parseJson(body);
  const mustBe = `the object provided is unrecognized (must be of type ${def.kind})`;
  if (!isObject(parsed)) {
    throw badRequest(`${mustBe}: couldn't get version/kind; json parse error: unexpected end of JSON input (${summarize(text)})`);
  }
  if (typeof parsed["kind"] !== "string" || parsed["kind"] === "") {
    throw badRequest(`${mustBe}: Object 'Kind' is missing in '${text}' (${summarize(text)})`);
  }
  const gv = typeof parsed["apiVersion"] === "string" && parsed["apiVersion"] ? parsed["apiVersion"] : apiVersionOf(def, version);
  const accepted = def.versions.map((v) => apiVersionOf(def, v));
  if (!accepted.includes(gv)) {
    throw badRequest(`the API version in the data (${gv}) does not match the expected API version (${apiVersionOf(def, version)})`);
  }
  parsed["apiVersion"] = gv;
  return parsed;
}

export type FieldValidation = "Ignore" | "Warn" | "Strict";

export function fieldValidationOf(query: URLSearchParams): FieldValidation {
  const v = query.get("fieldValidation");
  if (v === null || v === "" || v === "Warn") return "Warn";
  if (v === "Ignore" || v === "Strict") return v;
  throw badRequest(`fieldValidation parameter unsupported: ${v}`);
}

/**
 * Drops undeclared fields (CRD pruning / typed decoding) and returns the warnings the server sends,
 * or fails for fieldValidation=Strict.
 */
export function pruneForWrite(def: ResourceDef, version: string, input: JsonObject, mode: FieldValidation): { obj: JsonObject; warnings: string[] } {
  const { value, unknown } = pruneUnknown(input, def.schema);
  if (unknown.length && mode === "Strict") {
    const detail = unknown.map((u) => `unknown field ${JSON.stringify(u)}`).join(", ");
    throw badRequest(`${def.kind} in version ${JSON.stringify(version)} cannot be handled as a ${def.kind}: strict decoding error: ${detail}`);
  }
  const warnings = mode === "Warn" ? unknown.map((u) => `unknown field ${JSON.stringify(u)}`) : [];
  const obj = def.custom ? (value as JsonObject) : (canonicalQuantities(value, def.schema) as JsonObject);
  return { obj, warnings };
}

/** Typed objects decode quantities into resource.Quantity and encode them back canonically. */
export function canonicalQuantities(value: Json, schema: Schema): Json {
  if (schema.type === "quantity" && (typeof value === "string" || typeof value === "number")) {
    const canonical = canonicalQuantity(value);
    if (canonical === undefined) {
      throw badRequest("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }
    return canonical;
  }
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) out[key] = canonicalQuantities(item, fieldSchema(schema, key) ?? ANY);
  return out;
}

/** The stored form: storage apiVersion (custom resources convert trivially between versions). */
export function toStorage(def: ResourceDef, obj: JsonObject): JsonObject {
  const out = clone(obj);
  out["apiVersion"] = apiVersionOf(def, def.storageVersion);
  return out;
}

export function managerFromRequest(ctx: RequestContext): string {
  const explicit = ctx.query.get("fieldManager");
  if (explicit) return explicit;
  // managerOrUserAgent: the user agent up to its first "/", printable characters only, at most 128 bytes.
  const prefix = (ctx.userAgent.split("/")[0] ?? "").replace(/[^\x20-\x7e]/g, "");
  return prefix.slice(0, 128);
}

export function isDryRun(query: URLSearchParams): boolean {
  const values = query.getAll("dryRun");
  for (const v of values) {
    if (v !== "All") throw badRequest(`dryRun: Unsupported value: ${JSON.stringify(v)}: supported values: "All"`);
  }
  return values.length > 0;
}
