// Field sets as server-side apply sees them (sigs.k8s.io/structured-merge-diff): which paths a value
// sets, how two values differ, removing owned fields, and the `f:`-prefixed FieldsV1 encoding.
import { deepEqual, isObject, type Json, type JsonObject } from "./json";
import { ANY, fieldSchema, type Schema } from "./schema";

export type FieldPath = readonly string[];
/** Paths are kept JSON-encoded so that a JS Set can hold them by value. */
export type FieldSet = Set<string>;

export const encodePath = (p: FieldPath): string => JSON.stringify(p);
export const decodePath = (s: string): string[] => JSON.parse(s) as string[];
/** How the server prints a path in conflict messages: `.spec.resourceQuotaSpec.hard.requests.cpu`. */
export const pathString = (p: FieldPath): string => p.map((e) => `.${e}`).join("");

export function union(...sets: FieldSet[]): FieldSet {
  const out = new Set<string>();
  for (const s of sets) for (const p of s) out.add(p);
  return out;
}
export const difference = (a: FieldSet, b: FieldSet): FieldSet => new Set([...a].filter((p) => !b.has(p)));
export const intersection = (a: FieldSet, b: FieldSet): FieldSet => new Set([...a].filter((p) => b.has(p)));

/** Paths sorted the way fieldpath.Set iterates them (element by element). */
export function sortedPaths(set: FieldSet): string[][] {
  return [...set].map(decodePath).sort((a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const x = a[i] as string;
      const y = b[i] as string;
      if (x !== y) return x < y ? -1 : 1;
    }
    return a.length - b.length;
  });
}

/**
 * typed.ToFieldSet: scalars, atomic lists and free-form values are members; granular map keys are
 * members too, but struct fields only through their children (so `{}` owns nothing).
 */
export function toFieldSet(value: Json, schema: Schema, path: string[] = []): FieldSet {
  const set: FieldSet = new Set();
  const walk = (v: Json, s: Schema, p: string[]): void => {
    if ((s.type !== "struct" && s.type !== "map") || !isObject(v)) {
      set.add(encodePath(p));
      return;
    }
    for (const [key, item] of Object.entries(v)) {
      const childPath = [...p, key];
      walk(item, fieldSchema(s, key) ?? ANY, childPath);
      if (s.type === "map") set.add(encodePath(childPath));
    }
  };
  walk(value, schema, path);
  return set;
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

const isEmptyish = (v: Json | undefined): boolean => v === undefined || (isObject(v) && Object.keys(v).length === 0);

/**
 * typed.Compare: leaf differences, plus the path of a map that appears or disappears as a whole
 * (that is where the `".": {}` entries of Update managers come from).
 */
export function compare(lhs: Json | undefined, rhs: Json | undefined, schema: Schema): Comparison {
  const c: Comparison = { added: new Set(), modified: new Set(), removed: new Set() };
  const walk = (l: Json | undefined, r: Json | undefined, s: Schema, p: string[]): void => {
    const granular = s.type === "struct" || s.type === "map";
    const mapsOrAbsent = (l === undefined || isObject(l)) && (r === undefined || isObject(r));
    if (!granular || !mapsOrAbsent || (isEmptyish(l) && isEmptyish(r))) {
      if (l === undefined && r !== undefined) c.added.add(encodePath(p));
      else if (r === undefined && l !== undefined) c.removed.add(encodePath(p));
      else if (!deepEqual(l, r)) c.modified.add(encodePath(p));
      return;
    }
    const lo = (l ?? {}) as JsonObject;
    const ro = (r ?? {}) as JsonObject;
    for (const key of new Set([...Object.keys(lo), ...Object.keys(ro)])) {
      walk(lo[key], ro[key], fieldSchema(s, key) ?? ANY, [...p, key]);
    }
    if (p.length > 0) {
      if (l === undefined) c.added.add(encodePath(p));
      else if (r === undefined) c.removed.add(encodePath(p));
    }
  };
  walk(lhs, rhs, schema, []);
  return c;
}

/**
 * typed.RemoveItems: drops the given paths. A map emptied by the removal becomes null (and is then
 * dropped by the caller's null pruning) while its parent stays, exactly one level, as upstream does.
 */
export function removeItems(value: Json, toRemove: FieldSet): Json {
  const paths = [...toRemove].map(decodePath);
  const hasDescendant = (p: string[]): boolean =>
    paths.some((q) => q.length > p.length && p.every((e, i) => q[i] === e));
  const walk = (v: Json, p: string[]): Json => {
    if (!isObject(v) || Object.keys(v).length === 0) return v;
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(v)) {
      const childPath = [...p, key];
      if (toRemove.has(encodePath(childPath))) continue;
      out[key] = hasDescendant(childPath) ? walk(item, childPath) : item;
    }
    return Object.keys(out).length > 0 ? out : null;
  };
  return walk(value, []) ?? {};
}

interface Node {
  member: boolean;
  children: Map<string, Node>;
}

/** Encodes a set as FieldsV1 (`{"f:spec": {"f:owner": {"f:name": {}}}}`, `".": {}` for a member with children). */
export function toFieldsV1(set: FieldSet): JsonObject {
  const root: Node = { member: false, children: new Map() };
  for (const path of sortedPaths(set)) {
    let node = root;
    for (const el of path) {
      let next = node.children.get(el);
      if (!next) {
        next = { member: false, children: new Map() };
        node.children.set(el, next);
      }
      node = next;
    }
    node.member = true;
  }
  const encode = (node: Node): JsonObject => {
    const out: JsonObject = {};
    if (node.member && node.children.size > 0) out["."] = {};
    for (const [el, childNode] of node.children) out[`f:${el}`] = encode(childNode);
    return out;
  };
  return encode(root);
}

export function fromFieldsV1(fields: Json | undefined): FieldSet {
  const set: FieldSet = new Set();
  const walk = (obj: JsonObject, p: string[]): void => {
    for (const [key, value] of Object.entries(obj)) {
      if (key === ".") {
        set.add(encodePath(p));
      } else if (key.startsWith("f:") && isObject(value)) {
        const childPath = [...p, key.slice(2)];
        if (Object.keys(value).length === 0) set.add(encodePath(childPath));
        else walk(value, childPath);
      }
    }
  };
  if (isObject(fields)) walk(fields, []);
  return set;
}
