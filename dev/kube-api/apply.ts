// Server-side apply (structured-merge-diff's Updater.Apply): merge the applied configuration into the
// live object, prune what the applier owned before and no longer applies, and detect conflicts.
import { compare, difference, intersection, pathString, removeItems, sortedPaths, toFieldSet, union } from "./field-set";
import { clone, dropNulls, isObject, type Json, type JsonObject } from "./json";
import { cloneManagers, managerId, ownableFilter, printManager, type Actor, type ManagerEntry, type Managers } from "./managed-fields";
import { ApiError, statusBody } from "./status";
import { ANY, fieldSchema, type Schema } from "./schema";

export interface ApplyArgs {
  live: JsonObject | undefined;
  config: JsonObject;
  managers: Managers;
  actor: Actor;
  force: boolean;
  schema: Schema;
  /** Top-level fields the endpoint resets (a CRD's main resource ignores `status`). */
  resetTopLevel: readonly string[];
}

export interface ApplyConflict {
  entry: ManagerEntry;
  path: string[];
}

export type ApplyOutcome =
  | { ok: true; object: JsonObject; managers: Managers }
  | { ok: false; conflicts: ApplyConflict[] };

/** Structs and granular maps merge key by key; scalars, lists and free-form values are replaced. */
function merge(live: Json | undefined, config: Json, schema: Schema): Json {
  if ((schema.type === "struct" || schema.type === "map") && isObject(live) && isObject(config)) {
    const out: JsonObject = { ...live };
    for (const [key, value] of Object.entries(config)) {
      out[key] = merge(live[key], value, fieldSchema(schema, key) ?? ANY);
    }
    return out;
  }
  return clone(config);
}

export function serverSideApply(args: ApplyArgs): ApplyOutcome {
  const { schema, actor, force } = args;
  const filter = ownableFilter(args.resetTopLevel);
  const config = dropNulls(clone(args.config)) as JsonObject;
  for (const field of args.resetTopLevel) delete config[field];

  const base: JsonObject = args.live ? clone(args.live) : {};
  let merged = merge(base, config, schema) as JsonObject;

  const key = managerId(actor);
  const lastSet = args.managers.get(key)?.set;
  const managers = cloneManagers(args.managers);
  managers.set(key, { ...actor, set: filter(toFieldSet(config, schema)) });

  // Prune: what this applier applied last time and not now goes, unless another applier claims it.
  // (Upstream only counts Apply managers here, so a field also set by an Update is still removed.)
  if (lastSet && lastSet.size > 0) {
    const claimed = union(...[...managers.values()].filter((e) => e.operation === "Apply").map((e) => e.set));
    const toRemove = difference(lastSet, claimed);
    if (toRemove.size > 0) merged = dropNulls(removeItems(merged, toRemove)) as JsonObject;
  }

  const c = compare(base, merged, schema);
  const changed = filter(union(c.modified, c.added));
  const removed = filter(c.removed);
  const conflicts: ApplyConflict[] = [];
  for (const [k, e] of managers) {
    if (k === key) continue;
    const taken = intersection(e.set, changed);
    if (taken.size === 0) continue;
    if (!force) {
      for (const path of sortedPaths(taken)) conflicts.push({ entry: e, path });
    } else {
      e.set = difference(e.set, taken);
    }
  }
  if (conflicts.length > 0) {
    conflicts.sort((a, b) => (managerId(a.entry) < managerId(b.entry) ? -1 : managerId(a.entry) > managerId(b.entry) ? 1 : 0));
    return { ok: false, conflicts };
  }
  for (const [k, e] of managers) {
    if (k !== key) e.set = difference(e.set, removed);
    if (e.set.size === 0) managers.delete(k);
  }
  return { ok: true, object: merged, managers };
}

/** The 409 the server returns for apply conflicts: one FieldManagerConflict cause per field. */
export function applyConflictError(conflicts: ApplyConflict[]): ApiError {
  const causes = conflicts.map((c) => ({
    reason: "FieldManagerConflict",
    message: `conflict with ${printManager(c.entry)}`,
    field: pathString(c.path),
  }));
  let message: string;
  const first = conflicts[0];
  if (conflicts.length === 1 && first) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(first.entry)}: ${pathString(first.path)}`;
  } else {
    const lines: string[] = [];
    let current = "";
    for (const c of conflicts) {
      const id = managerId(c.entry);
      if (id !== current) {
        lines.push(`conflicts with ${printManager(c.entry)}:`);
        current = id;
      }
      lines.push(`- ${pathString(c.path)}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join("\n")}`;
  }
  return new ApiError(409, statusBody({ status: "Failure", message, reason: "Conflict", details: { causes }, code: 409 }));
}
