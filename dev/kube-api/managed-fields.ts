// metadata.managedFields bookkeeping (k8s.io/apimachinery/pkg/util/managedfields): decoding entries
// into per-manager field sets, ownership changes for Update operations, and the encoded, sorted list.
import { compare, difference, encodePath, fromFieldsV1, intersection, toFieldsV1, union, type FieldSet } from "./field-set";
import { isObject, type Json, type JsonObject } from "./json";
import type { Schema } from "./schema";

export interface ManagerEntry {
  manager: string;
  operation: "Apply" | "Update";
  apiVersion: string;
  time?: string;
  subresource?: string;
  set: FieldSet;
}

/** Keyed by the same identifier the server builds (manager, operation, apiVersion for updaters, subresource). */
export type Managers = Map<string, ManagerEntry>;

export function managerId(e: Pick<ManagerEntry, "manager" | "operation" | "apiVersion" | "subresource">): string {
  // Go marshals ManagedFieldsEntry in field order; appliers leave apiVersion out so re-applies match.
  const id: Record<string, string> = { manager: e.manager, operation: e.operation };
  if (e.operation === "Update" && e.apiVersion) id["apiVersion"] = e.apiVersion;
  if (e.subresource) id["subresource"] = e.subresource;
  return JSON.stringify(id);
}

/** How conflict messages name a manager: `"berth"` or `"kubectl-edit" using kubeflow.org/v1`. */
export function printManager(e: ManagerEntry): string {
  let s = JSON.stringify(e.manager);
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  if (e.operation === "Update") s += ` using ${e.apiVersion}`;
  return s;
}

export function decodeManagers(obj: JsonObject | undefined): Managers {
  const managers: Managers = new Map();
  const list = isObject(obj?.["metadata"]) ? (obj["metadata"] as JsonObject)["managedFields"] : undefined;
  if (!Array.isArray(list)) return managers;
  for (const raw of list) {
    if (!isObject(raw)) continue;
    const entry: ManagerEntry = {
      manager: String(raw["manager"] ?? ""),
      operation: raw["operation"] === "Apply" ? "Apply" : "Update",
      apiVersion: String(raw["apiVersion"] ?? ""),
      set: fromFieldsV1(raw["fieldsV1"]),
    };
    if (typeof raw["time"] === "string") entry.time = raw["time"];
    if (typeof raw["subresource"] === "string" && raw["subresource"]) entry.subresource = raw["subresource"];
    managers.set(managerId(entry), entry);
  }
  return managers;
}

export function cloneManagers(managers: Managers): Managers {
  const out: Managers = new Map();
  for (const [k, e] of managers) out.set(k, { ...e, set: new Set(e.set) });
  return out;
}

/** Entries in the server's order: Apply before Update, then by time, manager, apiVersion, subresource. */
export function encodeManagers(managers: Managers): Json[] {
  const entries = [...managers.values()].filter((e) => e.set.size > 0);
  const seconds = (e: ManagerEntry): number => (e.time ? Date.parse(e.time) : 0);
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  entries.sort(
    (p, q) =>
      cmp(p.operation, q.operation) ||
      seconds(p) - seconds(q) ||
      cmp(p.manager, q.manager) ||
      cmp(p.apiVersion, q.apiVersion) ||
      cmp(p.subresource ?? "", q.subresource ?? ""),
  );
  return entries.map((e) => {
    const out: JsonObject = { manager: e.manager, operation: e.operation, apiVersion: e.apiVersion };
    if (e.time) out["time"] = e.time;
    out["fieldsType"] = "FieldsV1";
    out["fieldsV1"] = toFieldsV1(e.set);
    if (e.subresource) out["subresource"] = e.subresource;
    return out;
  });
}

/** Fields nobody owns: type meta and the server-maintained metadata (stripMeta upstream). */
const STRIPPED = new Set(
  [
    ["apiVersion"],
    ["kind"],
    ["metadata"],
    ...["name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName", "generation", "managedFields", "resourceVersion"].map(
      (f) => ["metadata", f],
    ),
  ].map(encodePath),
);

/** Paths a write cannot own: stripped metadata, plus what the endpoint resets (status, or spec for /status). */
export function ownableFilter(resetTopLevel: readonly string[]): (set: FieldSet) => FieldSet {
  return (set) =>
    new Set(
      [...set].filter((p) => {
        if (STRIPPED.has(p)) return false;
        const first = (JSON.parse(p) as string[])[0];
        return !(first !== undefined && resetTopLevel.includes(first));
      }),
    );
}

export interface Actor {
  manager: string;
  operation: "Apply" | "Update";
  apiVersion: string;
  subresource?: string;
}

/**
 * Updater.Update: an update never conflicts; it takes the fields it changed away from everyone
 * else, and whoever owned fields it removed loses them.
 */
export function recordUpdate(
  live: Json | undefined,
  next: Json,
  managers: Managers,
  actor: Actor,
  schema: Schema,
  filter: (s: FieldSet) => FieldSet,
): Managers {
  const out = cloneManagers(managers);
  const c = compare(live, next, schema);
  const changed = filter(union(c.modified, c.added));
  const removed = filter(c.removed);
  const key = managerId(actor);
  for (const [k, e] of out) {
    if (k === key) continue;
    e.set = difference(difference(e.set, intersection(e.set, changed)), removed);
  }
  const own = out.get(key) ?? { ...actor, set: new Set<string>() };
  own.set = union(difference(own.set, removed), changed);
  out.set(key, own);
  for (const [k, e] of out) if (e.set.size === 0) out.delete(k);
  return out;
}

/** Stamps the acting manager's entry with the time of this write. */
export function stampTime(managers: Managers, actor: Actor, time: string): void {
  const e = managers.get(managerId(actor));
  if (e) e.time = time;
}
