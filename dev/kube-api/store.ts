// The stand-in's "etcd": objects by resource, one global revision counter used as resourceVersion,
// a short change history (so paginated lists stay consistent, then expire), and optional persistence.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { clone, isObject, metadataOf, type JsonObject } from "./json";
import { ALL_RESOURCES, type ResourceName } from "./resources";

interface Change {
  rv: number;
  at: number;
  resource: ResourceName;
  key: string;
  prev: JsonObject | undefined;
  next: JsonObject | undefined;
}

export interface StoreChange {
  resource: ResourceName;
  type: "ADDED" | "MODIFIED" | "DELETED";
  object: JsonObject;
  rv: number;
}

export type ChangeListener = (change: StoreChange) => void;

const changeType = (c: Change): StoreChange["type"] => (!c.next ? "DELETED" : c.prev ? "MODIFIED" : "ADDED");

interface PersistedState {
  kind: "BerthKubeApiStandInState";
  version: 1;
  resourceVersion: number;
  objects: Record<ResourceName, JsonObject[]>;
}

/** etcd compacts history every few minutes; continue tokens older than that answer 410 Expired. */
const HISTORY_MS = 5 * 60 * 1000;
const HISTORY_MAX = 5000;

const objectKey = (namespace: string, name: string): string => `${namespace}/${name}`;

export class ObjectStore {
  private objects = new Map<ResourceName, Map<string, JsonObject>>();
  private history: Change[] = [];
  private revision = 0;
  private compacted = 0;
  private listeners = new Set<ChangeListener>();

  constructor(private readonly stateFile?: string) {
    for (const def of ALL_RESOURCES) this.objects.set(def.resource, new Map());
  }

  /** Loads the state file if there is one (or `from`, never written back); returns false when starting empty. */
  load(from = this.stateFile): boolean {
    if (!from || !existsSync(from)) return false;
    const state = JSON.parse(readFileSync(from, "utf8")) as PersistedState;
    this.revision = state.resourceVersion;
    for (const [resource, items] of Object.entries(state.objects) as [ResourceName, JsonObject[]][]) {
      const map = this.objects.get(resource);
      for (const obj of items) map?.set(objectKey(nsOf(obj), nameOf(obj)), obj);
    }
    // History does not survive a restart, so older continue tokens expire.
    this.compacted = this.revision;
    return true;
  }

  get resourceVersion(): number {
    return this.revision;
  }

  get(resource: ResourceName, namespace: string, name: string): JsonObject | undefined {
    const obj = this.objects.get(resource)?.get(objectKey(namespace, name));
    return obj ? clone(obj) : undefined;
  }

  /** Objects in etcd key order (namespace, then name), optionally within one namespace. */
  list(resource: ResourceName, namespace?: string): JsonObject[] {
    return this.sorted(this.objects.get(resource) ?? new Map(), namespace).map((obj) => clone(obj));
  }

  /** The list as it was at revision `rv`, or undefined once that revision has been compacted. */
  listAt(resource: ResourceName, namespace: string | undefined, rv: number): JsonObject[] | undefined {
    if (rv < this.compacted) return undefined;
    const state = new Map(this.objects.get(resource) ?? []);
    for (let i = this.history.length - 1; i >= 0; i--) {
      const change = this.history[i] as Change;
      if (change.rv <= rv) break;
      if (change.resource !== resource) continue;
      if (change.prev) state.set(change.key, change.prev);
      else state.delete(change.key);
    }
    return this.sorted(state, namespace).map((obj) => clone(obj));
  }

  /**
   * Changes to `resource` after revision `rv` (for watches), or undefined once history that old
   * has been compacted away.
   */
  changesSince(resource: ResourceName, rv: number): StoreChange[] | undefined {
    if (rv < this.compacted) return undefined;
    return this.history
      .filter((c) => c.rv > rv && c.resource === resource)
      .map((c) => ({ resource, type: changeType(c), object: clone((c.next ?? c.prev) as JsonObject), rv: c.rv }));
  }

  /** Stores a create or update at the next revision and returns the stored copy. */
  put(resource: ResourceName, obj: JsonObject): JsonObject {
    const stored = clone(obj);
    this.revision += 1;
    metadataOf(stored)["resourceVersion"] = String(this.revision);
    const key = objectKey(nsOf(stored), nameOf(stored));
    const map = this.objects.get(resource) as Map<string, JsonObject>;
    const prev = map.get(key);
    map.set(key, stored);
    this.record({ rv: this.revision, at: Date.now(), resource, key, prev, next: stored });
    return clone(stored);
  }

  delete(resource: ResourceName, namespace: string, name: string): JsonObject | undefined {
    const key = objectKey(namespace, name);
    const map = this.objects.get(resource) as Map<string, JsonObject>;
    const prev = map.get(key);
    if (!prev) return undefined;
    map.delete(key);
    this.revision += 1;
    this.record({ rv: this.revision, at: Date.now(), resource, key, prev, next: undefined });
    return clone(prev);
  }

  /** Forgets all history, as an etcd compaction does; older continue tokens then expire. */
  compact(): void {
    this.history = [];
    this.compacted = this.revision;
  }

  /** Empties the store (the revision keeps counting, as a real cluster's would after deletes). */
  clear(): void {
    for (const map of this.objects.values()) map.clear();
    this.compact();
    this.save();
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private record(change: Change): void {
    this.history.push(change);
    const cutoff = Date.now() - HISTORY_MS;
    while (this.history.length > HISTORY_MAX || (this.history[0] && this.history[0].at < cutoff)) {
      const dropped = this.history.shift() as Change;
      this.compacted = dropped.rv;
    }
    this.save();
    const object = change.next ?? change.prev;
    if (object) for (const l of this.listeners) l({ resource: change.resource, type: changeType(change), object: clone(object), rv: change.rv });
  }

  private sorted(map: Map<string, JsonObject>, namespace?: string): JsonObject[] {
    return [...map.entries()]
      .filter(([, obj]) => namespace === undefined || nsOf(obj) === namespace)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, obj]) => obj);
  }

  /** Atomic write: a reader never sees half a file, even if the process dies mid-save. */
  private save(): void {
    if (!this.stateFile) return;
    const state: PersistedState = {
      kind: "BerthKubeApiStandInState",
      version: 1,
      resourceVersion: this.revision,
      objects: Object.fromEntries(
        ALL_RESOURCES.map((def) => [def.resource, this.sorted(this.objects.get(def.resource) as Map<string, JsonObject>)]),
      ) as Record<ResourceName, JsonObject[]>,
    };
    mkdirSync(path.dirname(this.stateFile), { recursive: true });
    const tmp = `${this.stateFile}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.stateFile);
  }
}

export function nameOf(obj: JsonObject): string {
  const meta = obj["metadata"];
  return isObject(meta) && typeof meta["name"] === "string" ? meta["name"] : "";
}

export function nsOf(obj: JsonObject): string {
  const meta = obj["metadata"];
  return isObject(meta) && typeof meta["namespace"] === "string" ? meta["namespace"] : "";
}
