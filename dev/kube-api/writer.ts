// The common tail of every create/update: optimistic concurrency, the resource strategy (system
// metadata, status reset, generation), validation, field ownership, no-op detection and storage.
import { randomUUID } from "node:crypto";
import { clone, deepEqual, dropNulls, isObject, metadataOf, rfc3339, type Json, type JsonObject } from "./json";
import { decodeManagers, encodeManagers, ownableFilter, recordUpdate, stampTime, type Actor, type Managers } from "./managed-fields";
import { apiVersionOf, groupResource, type ResourceDef } from "./resources";
import { conflict, forbidden, invalid, OBJECT_MODIFIED, type FieldError } from "./status";
import type { ObjectStore } from "./store";
import { bindRefusal, isValidPathSegmentName, roleBindingDefaults, validateRoleBinding } from "./access-resources";
import type { PolicyRule } from "./auth";
import { isDns1123Label, validateObjectMeta, validateSchema, validateTypeMeta } from "./validation";

export interface WriteOp {
  def: ResourceDef;
  namespace: string;
  name: string;
  existing: JsonObject | undefined;
  /** The proposed object in the storage version (after the patch, apply or PUT body). */
  candidate: JsonObject;
  /** The writing user's RBAC rules (a request's; the stand-in's own controllers pass none): binding a role needs "bind". */
  rules?: readonly PolicyRule[];
  /** Ownership already worked out by server-side apply; otherwise recorded as an Update by `actor`. */
  managers?: Managers;
  actor: Actor;
  dryRun: boolean;
  now: Date;
  subresource?: "status";
}

export interface WriteResult {
  object: JsonObject;
  created: boolean;
  changed: boolean;
}

/** Top-level fields an endpoint resets instead of writing: status for the main resource, the rest for /status. */
export function resetFieldsFor(def: ResourceDef, subresource?: "status"): string[] {
  if (subresource === "status") return Object.keys(def.schema.fields).filter((f) => f !== "status");
  return def.statusSubresource ? ["status"] : [];
}

function withoutTimes(obj: JsonObject): Json {
  const copy = clone(obj);
  const meta = metadataOf(copy);
  if (Array.isArray(meta["managedFields"])) {
    for (const e of meta["managedFields"]) if (isObject(e)) delete e["time"];
  }
  return copy;
}

/** Everything but metadata and status: a change there is a spec change and bumps generation. */
function specPart(obj: JsonObject): JsonObject {
  const { metadata: _m, status: _s, ...rest } = obj;
  return rest;
}

const POD_SECURITY_LEVELS = ["privileged", "baseline", "restricted"];

/**
 * The PodSecurity admission plugin's check of a namespace's labels (ValidateNamespace): a level
 * label must name a level, a version label must be "latest" or "v1.<minor>". Refused as Invalid.
 */
function podSecurityLabelErrors(meta: JsonObject): FieldError[] {
  const labels = isObject(meta["labels"]) ? meta["labels"] : {};
  const errs: FieldError[] = [];
  for (const mode of ["enforce", "audit", "warn"]) {
    const level = labels[`pod-security.kubernetes.io/${mode}`];
    if (typeof level === "string" && !POD_SECURITY_LEVELS.includes(level)) {
      errs.push({
        type: "FieldValueInvalid",
        field: `metadata.labels[pod-security.kubernetes.io/${mode}]`,
        value: JSON.stringify(level),
        detail: `must be one of ${POD_SECURITY_LEVELS.join(", ")}`,
      });
    }
    const version = labels[`pod-security.kubernetes.io/${mode}-version`];
    if (typeof version === "string" && version !== "latest" && !/^v1\.(0|[1-9][0-9]*)$/.test(version)) {
      errs.push({
        type: "FieldValueInvalid",
        field: `metadata.labels[pod-security.kubernetes.io/${mode}-version]`,
        value: JSON.stringify(version),
        detail: 'must be "latest" or "v1.x"',
      });
    }
  }
  return errs;
}

function validate(def: ResourceDef, obj: JsonObject, storageVersion: string, existing: JsonObject | undefined): FieldError[] {
  const meta = metadataOf(obj);
  if (def.resource === "namespaces") {
    const errs = validateObjectMeta(meta, false, isDns1123Label);
    return errs.length ? errs : podSecurityLabelErrors(meta);
  }
  if (def.custom) {
    const typeErrs = validateTypeMeta(obj, def.kind, apiVersionOf(def, storageVersion));
    if (typeErrs.length) return typeErrs;
    return [...validateObjectMeta(meta, def.namespaced), ...validateSchema(obj, def.schema)];
  }
  if (def.resource === "rolebindings") {
    return [...validateObjectMeta(meta, def.namespaced, isValidPathSegmentName), ...validateRoleBinding(obj, existing)];
  }
  return validateObjectMeta(meta, def.namespaced);
}

/** What the namespace strategy fills in on create; set after ownership, so no manager owns it. */
function namespaceDefaults(obj: JsonObject): void {
  const meta = metadataOf(obj);
  const labels = isObject(meta["labels"]) ? meta["labels"] : {};
  labels["kubernetes.io/metadata.name"] = String(meta["name"] ?? "");
  meta["labels"] = labels;
  obj["spec"] = { finalizers: ["kubernetes"] };
  obj["status"] = { phase: "Active" };
}

export function commitWrite(store: ObjectStore, op: WriteOp): WriteResult {
  const { def, existing, actor } = op;
  const gr = groupResource(def);
  const obj = dropNulls(clone(op.candidate)) as JsonObject;
  const meta = metadataOf(obj);
  const oldMeta = existing ? metadataOf(existing) : undefined;

  if (oldMeta) {
    const wanted = meta["resourceVersion"];
    if (typeof wanted === "string" && wanted !== "" && wanted !== oldMeta["resourceVersion"]) {
      throw conflict(gr, op.name, OBJECT_MODIFIED);
    }
    if (typeof meta["uid"] === "string" && meta["uid"] && meta["uid"] !== oldMeta["uid"]) {
      throw invalid(def.group, def.kind, op.name, [
        { type: "FieldValueInvalid", field: "metadata.uid", value: JSON.stringify(meta["uid"]), detail: "field is immutable" },
      ]);
    }
    meta["uid"] = oldMeta["uid"] as Json;
    meta["creationTimestamp"] = oldMeta["creationTimestamp"] as Json;
    meta["resourceVersion"] = oldMeta["resourceVersion"] as Json;
    if (oldMeta["generation"] !== undefined) meta["generation"] = oldMeta["generation"] as Json;
    if (oldMeta["deletionTimestamp"] !== undefined) meta["deletionTimestamp"] = oldMeta["deletionTimestamp"] as Json;
  } else {
    // The NamespaceLifecycle admission plugin: nothing new goes into a namespace being emptied.
    const ns = def.namespaced ? store.get("namespaces", "", op.namespace) : undefined;
    if (ns && metadataOf(ns)["deletionTimestamp"] !== undefined) {
      throw forbidden(gr, op.name, `unable to create new content in namespace ${op.namespace} because it is being terminated`);
    }
    meta["uid"] = randomUUID();
    meta["creationTimestamp"] = rfc3339(op.now);
    delete meta["resourceVersion"];
    delete meta["deletionTimestamp"];
    delete meta["deletionGracePeriodSeconds"];
    if (def.custom) meta["generation"] = 1;
  }
  // EnsureObjectNamespaceMatchesRequestNamespace: the URL decides; cluster-scoped objects lose any namespace.
  if (def.namespaced) meta["namespace"] = op.namespace;
  else delete meta["namespace"];
  // ObjectMeta round-trips through its Go struct, where empty maps and lists are omitted.
  for (const field of ["labels", "annotations", "ownerReferences", "finalizers"]) {
    const v = meta[field];
    if ((isObject(v) && Object.keys(v).length === 0) || (Array.isArray(v) && v.length === 0)) delete meta[field];
  }

  // The main resource cannot change status (a create cannot set it); /status writes change only status.
  if (def.statusSubresource && op.subresource !== "status") {
    if (existing && existing["status"] !== undefined) obj["status"] = clone(existing["status"] as Json);
    else delete obj["status"];
  }

  if (existing && def.custom && !deepEqual(specPart(obj), specPart(existing))) {
    meta["generation"] = Number(oldMeta?.["generation"] ?? 1) + 1;
  }

  const before = existing ? decodeManagers(existing) : new Map();
  const stripped = clone(obj);
  delete metadataOf(stripped)["managedFields"];
  const managers =
    op.managers ??
    recordUpdate(existing ?? {}, stripped, before, actor, def.schema, ownableFilter(resetFieldsFor(def, op.subresource)));
  if (!existing && def.resource === "namespaces") namespaceDefaults(obj);
  if (def.resource === "rolebindings") roleBindingDefaults(obj);

  if (def.resource === "rolebindings" && op.rules) {
    const refused = bindRefusal(op.rules, obj, op.namespace);
    if (refused) throw refused;
  }
  const errs = validate(def, obj, def.storageVersion, existing);
  if (errs.length) throw invalid(def.group, def.kind, op.name, errs);

  stampTime(managers, actor, rfc3339(op.now));
  const encoded = encodeManagers(managers);
  if (encoded.length) meta["managedFields"] = encoded;
  else delete meta["managedFields"];

  // Only the actor's timestamp moved: nothing to write, and resourceVersion stays put.
  if (existing && deepEqual(withoutTimes(obj), withoutTimes(existing))) {
    return { object: clone(existing), created: false, changed: false };
  }
  if (op.dryRun) return { object: obj, created: !existing, changed: true };
  return { object: store.put(def.resource, obj), created: !existing, changed: true };
}
