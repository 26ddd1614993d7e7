// POST, PUT, PATCH (apply, merge, JSON patch) and DELETE for any served resource, in the order the
// server checks things: options, decoding, the patch itself, name, conflicts, validation, storage.
import { applyConflictError, serverSideApply } from "./apply";
import { clone, isObject, metadataOf, rfc3339, type JsonObject } from "./json";
import { decodeManagers, type Actor } from "./managed-fields";
import { jsonPatch, mergePatch } from "./patch";
import { apiVersionOf, groupResource, PATCH, type ResourceDef } from "./resources";
import { typedConversionErrors } from "./schema";
import {
  alreadyExists,
  type ApiError,
  badRequest,
  conflict,
  invalid,
  notFound,
  OBJECT_MODIFIED,
  statusBody,
  unknownInternal,
  unsupportedMediaType,
} from "./status";
import { nameOf, nsOf, type ObjectStore } from "./store";
import {
  canonicalQuantities,
  decodeObjectBody,
  fieldValidationOf,
  isDryRun,
  managerFromRequest,
  parseJson,
  pruneForWrite,
  toStorage,
  toWire,
  type ApiResult,
  type RequestContext,
} from "./wire";
import { commitWrite, resetFieldsFor, type WriteResult } from "./writer";

/** Side effects of writes that a real cluster has controllers for (profile-controller, GC). */
export interface WriteHooks {
  afterWrite(def: ResourceDef, object: JsonObject): void;
  afterDelete(def: ResourceDef, object: JsonObject): void;
  /** A namespace is not removed at once: it turns Terminating until its contents are gone. */
  terminateNamespace(name: string): JsonObject | undefined;
}

/** The namespace lifecycle's refusal of a second delete while the first is still emptying it. */
const NAMESPACE_TERMINATING =
  "The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.";

const GENERATE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

function updateActor(ctx: RequestContext, def: ResourceDef): Actor {
  return { manager: managerFromRequest(ctx), operation: "Update", apiVersion: apiVersionOf(def, ctx.info.apiVersion) };
}

/** checkName: the object's name must be the URL's (400), and its namespace too when it has one. */
function checkName(obj: JsonObject, name: string, namespace: string): void {
  const objName = nameOf(obj);
  if (objName !== name) throw badRequest(`the name of the object (${objName}) does not match the name on the URL (${name})`);
  const objNs = nsOf(obj);
  if (namespace && objNs && objNs !== namespace) {
    throw badRequest(`the namespace of the object (${objNs}) does not match the namespace on the URL (${namespace})`);
  }
}

function respond(def: ResourceDef, ctx: RequestContext, result: WriteResult, hooks: WriteHooks, dryRun: boolean, warnings: string[]): ApiResult {
  if (result.changed && !dryRun) hooks.afterWrite(def, result.object);
  return { status: result.created ? 201 : 200, body: toWire(def, result.object, ctx.info.apiVersion), warnings };
}

export function createObject(store: ObjectStore, def: ResourceDef, ctx: RequestContext, hooks: WriteHooks): ApiResult {
  const { info, query } = ctx;
  const dryRun = isDryRun(query);
  const decoded = decodeObjectBody(def, info.apiVersion, ctx.body);
  const { obj, warnings } = pruneForWrite(def, info.apiVersion, decoded, fieldValidationOf(query));
  const meta = metadataOf(obj);
  if (def.namespaced && typeof meta["namespace"] === "string" && meta["namespace"] && meta["namespace"] !== info.namespace) {
    throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
  }
  if (!meta["name"] && typeof meta["generateName"] === "string" && meta["generateName"]) {
    let suffix = "";
    for (let i = 0; i < 5; i++) suffix += GENERATE_ALPHABET[Math.floor(Math.random() * GENERATE_ALPHABET.length)];
    meta["name"] = `${meta["generateName"]}${suffix}`;
  }
  const name = nameOf(obj);
  if (name && store.get(def.resource, def.namespaced ? info.namespace : "", name)) {
    throw alreadyExists(groupResource(def), name);
  }
  if (typeof meta["resourceVersion"] === "string" && meta["resourceVersion"]) {
    throw unknownInternal("resourceVersion should not be set on objects to be created");
  }
  const result = commitWrite(store, {
    def,
    rules: ctx.rules,
    namespace: info.namespace,
    name,
    existing: undefined,
    candidate: toStorage(def, obj),
    actor: updateActor(ctx, def),
    dryRun,
    now: ctx.now,
  });
  return respond(def, ctx, result, hooks, dryRun, warnings);
}

export function replaceObject(store: ObjectStore, def: ResourceDef, ctx: RequestContext, hooks: WriteHooks): ApiResult {
  const { info, query } = ctx;
  const dryRun = isDryRun(query);
  const decoded = decodeObjectBody(def, info.apiVersion, ctx.body);
  const { obj, warnings } = pruneForWrite(def, info.apiVersion, decoded, fieldValidationOf(query));
  checkName(obj, info.name, def.namespaced ? info.namespace : "");
  const existing = store.get(def.resource, def.namespaced ? info.namespace : "", info.name);
  // Neither custom resources nor these core types allow create-on-update.
  if (!existing) throw notFound(groupResource(def), info.name);
  const rv = metadataOf(obj)["resourceVersion"];
  if (def.custom && (typeof rv !== "string" || rv === "" || rv === "0")) {
    // Custom resources refuse unconditional updates.
    throw invalid(def.group, def.resource, info.name, [
      { type: "FieldValueInvalid", field: "metadata.resourceVersion", value: "0x0", detail: "must be specified for an update" },
    ]);
  }
  return commitUpdate(store, def, ctx, hooks, existing, obj, dryRun, warnings);
}

/** Stores a replaced or patched object as an Update by the request's manager and answers. */
function commitUpdate(
  store: ObjectStore,
  def: ResourceDef,
  ctx: RequestContext,
  hooks: WriteHooks,
  existing: Parameters<typeof commitWrite>[1]["existing"],
  obj: Parameters<typeof toStorage>[1],
  dryRun: boolean,
  warnings: string[],
): ApiResult {
  const result = commitWrite(store, {
    def,
    rules: ctx.rules,
    namespace: ctx.info.namespace,
    name: ctx.info.name,
    existing,
    candidate: toStorage(def, obj),
    actor: updateActor(ctx, def),
    dryRun,
    now: ctx.now,
  });
  return respond(def, ctx, result, hooks, dryRun, warnings);
}

/** strconv.ParseBool, as the server's query parameter decoding uses it. */
function parseBool(value: string): boolean {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(value)) return true;
  if (["0", "f", "F", "FALSE", "false", "False", ""].includes(value)) return false;
  throw badRequest(`strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`);
}

function patchOptionsInvalid(field: string, type: "FieldValueRequired" | "FieldValueForbidden", detail: string): ApiError {
  return invalid("meta.k8s.io", "PatchOptions", "", [{ type, field, detail }]);
}

export function patchObject(store: ObjectStore, def: ResourceDef, ctx: RequestContext, hooks: WriteHooks): ApiResult {
  const { info, query } = ctx;
  const patchType = ctx.contentType.split(";")[0]?.trim() ?? "";
  if (!def.patchTypes.includes(patchType)) throw unsupportedMediaType(def.patchTypes);
  const isApply = patchType === PATCH.apply;
  const force = query.get("force");
  if (isApply && !query.get("fieldManager")) {
    throw patchOptionsInvalid("fieldManager", "FieldValueRequired", "is required for apply patch");
  }
  if (!isApply && force !== null) throw patchOptionsInvalid("force", "FieldValueForbidden", "may not be specified for non-apply patch");
  const dryRun = isDryRun(query);
  const namespace = def.namespaced ? info.namespace : "";
  const existing = store.get(def.resource, namespace, info.name);
  if (isApply) return applyPatch(store, def, ctx, hooks, existing, force !== null && parseBool(force), dryRun);

  // Merge and JSON patches need something to patch.
  if (!existing) throw notFound(groupResource(def), info.name);
  const body = parseJson(ctx.body);
  if (body === undefined) throw badRequest(patchType === PATCH.json ? "invalid character looking for beginning of value" : "Invalid JSON Patch");
  const current = toWire(def, existing, info.apiVersion);
  const patched = patchType === PATCH.json ? jsonPatch(current, body) : mergePatch(current, body);
  if (!isObject(patched)) throw badRequest("Invalid JSON Patch");
  const { obj, warnings } = pruneForWrite(def, info.apiVersion, patched, fieldValidationOf(query));
  checkName(obj, info.name, namespace);
  return commitUpdate(store, def, ctx, hooks, existing, obj, dryRun, warnings);
}

function applyPatch(
  store: ObjectStore,
  def: ResourceDef,
  ctx: RequestContext,
  hooks: WriteHooks,
  existing: JsonObject | undefined,
  force: boolean,
  dryRun: boolean,
): ApiResult {
  const { info } = ctx;
  const config = parseJson(ctx.body);
  if (!isObject(config)) {
    throw badRequest("error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal into Go value of type map[string]interface {}");
  }
  const expected = apiVersionOf(def, info.apiVersion);
  const given = typeof config["apiVersion"] === "string" ? config["apiVersion"] : "";
  if (given !== expected) {
    throw badRequest(`Incorrect version specified in apply patch. Specified patch version: ${given}, expected: ${expected}`);
  }
  const kind = typeof config["kind"] === "string" ? config["kind"] : "";
  const where = `${def.namespaced ? info.namespace : ""}/${info.name}; ${expected}, Kind=${kind}`;
  if (kind !== def.kind) {
    throw unknownInternal(`failed to create typed patch object (${where}): no corresponding type for ${expected}, Kind=${kind}`);
  }
  const typeErr = typedConversionErrors(config, def.schema);
  if (typeErr) throw unknownInternal(`failed to create typed patch object (${where}): ${typeErr}`);
  if (isObject(config["metadata"]) && config["metadata"]["managedFields"] !== undefined) {
    throw badRequest("metadata.managedFields must be nil");
  }
  const actor: Actor = { manager: ctx.query.get("fieldManager") ?? "", operation: "Apply", apiVersion: expected };
  const outcome = serverSideApply({
    live: existing,
    // Typed (core) objects hold quantities canonically, whatever form the applier sent.
    config: toStorage(def, def.custom ? config : (canonicalQuantities(config, def.schema) as JsonObject)),
    managers: decodeManagers(existing),
    actor,
    force,
    schema: def.schema,
    resetTopLevel: resetFieldsFor(def),
  });
  if (!outcome.ok) throw applyConflictError(outcome.conflicts);
  const merged = toStorage(def, outcome.object);
  checkName(merged, info.name, def.namespaced ? info.namespace : "");
  if (!existing && typeof metadataOf(merged)["resourceVersion"] === "string") {
    throw conflict(groupResource(def), info.name, OBJECT_MODIFIED);
  }
  const result = commitWrite(store, {
    def,
    rules: ctx.rules,
    namespace: info.namespace,
    name: info.name,
    existing,
    candidate: merged,
    managers: outcome.managers,
    actor,
    dryRun,
    now: ctx.now,
  });
  return respond(def, ctx, result, hooks, dryRun, []);
}

export function deleteObject(store: ObjectStore, def: ResourceDef, ctx: RequestContext, hooks: WriteHooks): ApiResult {
  const { info } = ctx;
  const dryRun = isDryRun(ctx.query);
  const namespace = def.namespaced ? info.namespace : "";
  const existing = store.get(def.resource, namespace, info.name);
  if (!existing) throw notFound(groupResource(def), info.name);
  const meta = metadataOf(existing);
  const options = parseJson(ctx.body);
  const pre = isObject(options) && isObject(options["preconditions"]) ? options["preconditions"] : {};
  if (typeof pre["uid"] === "string" && pre["uid"] !== meta["uid"]) {
    throw conflict(groupResource(def), info.name, `Precondition failed: UID in precondition: ${pre["uid"]}, UID in object meta: ${String(meta["uid"])}`);
  }
  if (typeof pre["resourceVersion"] === "string" && pre["resourceVersion"] !== meta["resourceVersion"]) {
    throw conflict(
      groupResource(def),
      info.name,
      `Precondition failed: ResourceVersion in precondition: ${pre["resourceVersion"]}, ResourceVersion in object meta: ${String(meta["resourceVersion"])}`,
    );
  }
  if (def.resource === "namespaces") {
    if (meta["deletionTimestamp"] !== undefined) throw conflict(groupResource(def), info.name, NAMESPACE_TERMINATING);
    // Namespaces answer with the object, now Terminating; it is purged once its contents are gone.
    if (dryRun) {
      meta["deletionTimestamp"] = rfc3339(ctx.now);
      existing["status"] = { phase: "Terminating" };
      return { status: 200, body: toWire(def, existing, info.apiVersion) };
    }
    return { status: 200, body: toWire(def, hooks.terminateNamespace(info.name) ?? existing, info.apiVersion) };
  }
  if (!dryRun) {
    store.delete(def.resource, namespace, info.name);
    hooks.afterDelete(def, existing);
  }
  return { status: 200, body: deletedStatus(def, existing) };
}

/** What DELETE answers once the object is gone: a Success Status naming it (kind is the resource). */
export function deletedStatus(def: ResourceDef, obj: JsonObject): JsonObject {
  const meta = metadataOf(clone(obj));
  return statusBody({
    status: "Success",
    details: { name: String(meta["name"]), group: def.group, kind: def.resource, uid: String(meta["uid"]) },
  });
}
