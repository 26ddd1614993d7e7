// A cache of one kind that follows the cluster: a paged LIST gives the items and the
// resourceVersion they were read at, then a watch from that version streams every change after
// it (with bookmarks, so a quiet kind still knows how far it is current). When the watch ends
// it resumes from the last version seen; a 410 Gone (history compacted) means the cache may
// have missed changes, so it lists again; errors back off exponentially. Its health says when it
// last heard from the server and how often it had to start over.
//
// Built on the client's Watch (auth, TLS and the line-by-line stream from the KubeConfig), not on
// its ListWatch/makeInformer: in @kubernetes/client-node 1.4 those never ask for bookmarks, stop
// for good on the first error other than 410 (no retry, no back-off), and report no health.
import "server-only";
import { kubeWatch, rawGet } from "./client";
import { KubeApiError, toKubeApiError } from "./errors";

export interface InformerSpec<T> {
  /** For health and restart counts: "profiles", "namespaces", … */
  kind: string;
  /** The collection's path, e.g. /api/v1/namespaces or /api/v1/resourcequotas (all namespaces). */
  path: string;
  fieldSelector?: string;
  /** An object as on the wire (list item or watch event) as the item the cache keeps. */
  fromWire(raw: unknown): T;
  /** The cache key: the workspace name the object belongs to (its name, or its namespace). */
  keyOf(item: T): string;
}

interface WireList {
  items?: unknown[];
  metadata?: { continue?: string; resourceVersion?: string };
}

export type InformerEvent = "added" | "modified" | "deleted";

export type RestartReason = "expired" | "closed" | "error" | "stalled";

export interface InformerHealth {
  kind: string;
  /** A full list has been read and the watch is following it. */
  synced: boolean;
  items: number;
  resourceVersion: string;
  lastEventAt: Date | null;
  lastListAt: Date | null;
  /** Watches started again after the first (any reason). */
  restarts: number;
  /** Full lists read again after a 410 Gone. */
  relists: number;
  consecutiveFailures: number;
  lastError: string | null;
}

export interface InformerOptions {
  /** Asked of the server per watch; kube-apiserver's own clients pick 5–10 minutes. */
  watchTimeoutSeconds?: number;
  /** A watch silent this long past its timeout is taken for dead (a half-open connection). */
  stallGraceMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  onRestart?: (kind: string, reason: RestartReason) => void;
}

const PAGE_SIZE = 500;

/** The wait before attempt n+1 after n failures in a row: doubling, capped, with jitter. */
export function backoffMs(failures: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

type WatchEnd = { kind: "expired" } | { kind: "closed" } | { kind: "stalled" };

export class Informer<T> {
  private items = new Map<string, T>();
  private fingerprints = new Map<string, string>();
  private resourceVersion = "";
  private listeners = new Set<(key: string, event: InformerEvent, item: T | undefined) => void>();
  private stopped = true;
  private abort: (() => void) | undefined;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private state: Omit<InformerHealth, "kind" | "items" | "resourceVersion"> = {
    synced: false,
    lastEventAt: null,
    lastListAt: null,
    restarts: 0,
    relists: 0,
    consecutiveFailures: 0,
    lastError: null,
  };

  constructor(
    private readonly spec: InformerSpec<T>,
    private readonly options: InformerOptions = {},
  ) {}

  get kind(): string {
    return this.spec.kind;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort?.();
    this.wake?.();
    await this.loop;
  }

  /** Called for every change the cache sees, including those a re-list finds. */
  onChange(listener: (key: string, event: InformerEvent, item: T | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  list(): T[] {
    return [...this.items.values()];
  }

  get synced(): boolean {
    return this.state.synced;
  }

  health(): InformerHealth {
    return { kind: this.spec.kind, items: this.items.size, resourceVersion: this.resourceVersion, ...this.state };
  }

  private async run(): Promise<void> {
    let first = true;
    while (!this.stopped) {
      try {
        if (!first) this.state.restarts += 1;
        first = false;
        if (!this.resourceVersion) await this.relist();
        const end = await this.watchOnce();
        this.state.consecutiveFailures = 0;
        if (end.kind === "expired") {
          // The history we would resume from is gone: only a fresh list is certain.
          this.resourceVersion = "";
          this.state.synced = false;
          this.state.relists += 1;
        }
        if (!this.stopped) this.options.onRestart?.(this.spec.kind, end.kind);
      } catch (error) {
        const mapped = toKubeApiError(error);
        this.state.consecutiveFailures += 1;
        this.state.lastError = `${mapped.failure}: ${mapped.message}`;
        if (this.stopped) break;
        this.options.onRestart?.(this.spec.kind, "error");
        const { backoffBaseMs = 500, backoffMaxMs = 30_000 } = this.options;
        await this.sleep(backoffMs(this.state.consecutiveFailures, backoffBaseMs, backoffMaxMs));
      }
    }
    this.state.synced = false;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async relist(): Promise<void> {
    const fresh = new Map<string, T>();
    let next: string | undefined;
    let resourceVersion = "";
    do {
      const query: Record<string, string> = { limit: String(PAGE_SIZE) };
      if (next) query.continue = next;
      if (this.spec.fieldSelector) query.fieldSelector = this.spec.fieldSelector;
      const page = (await rawGet(this.spec.path, query)) as WireList;
      for (const raw of page.items ?? []) {
        const item = this.spec.fromWire(raw);
        fresh.set(this.spec.keyOf(item), item);
      }
      if (!next) resourceVersion = page.metadata?.resourceVersion ?? "";
      next = page.metadata?.continue || undefined;
    } while (next);
    for (const key of [...this.items.keys()]) if (!fresh.has(key)) this.remove(key);
    for (const [key, item] of fresh) this.put(key, item);
    this.resourceVersion = resourceVersion;
    this.state.lastListAt = new Date();
    this.state.synced = true;
  }

  private put(key: string, item: T): void {
    const fingerprint = JSON.stringify(item);
    const before = this.fingerprints.get(key);
    if (before === fingerprint) return;
    this.items.set(key, item);
    this.fingerprints.set(key, fingerprint);
    this.emit(key, before === undefined ? "added" : "modified", item);
  }

  private remove(key: string): void {
    if (!this.items.has(key)) return;
    this.items.delete(key);
    this.fingerprints.delete(key);
    this.emit(key, "deleted", undefined);
  }

  private emit(key: string, event: InformerEvent, item: T | undefined): void {
    for (const listener of this.listeners) {
      try {
        listener(key, event, item);
      } catch (error) {
        console.error(`[berth] ${this.spec.kind} watch listener failed`, error);
      }
    }
  }

  /** One watch from the current resourceVersion, until the server ends it, 410, or silence. */
  private watchOnce(): Promise<WatchEnd> {
    const { watchTimeoutSeconds = 300 + Math.floor(Math.random() * 300), stallGraceMs = 90_000 } = this.options;
    return new Promise<WatchEnd>((resolve, reject) => {
      let settled = false;
      let stall: NodeJS.Timeout | undefined;
      let controller: AbortController | undefined;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(stall);
        controller?.abort();
        this.abort = undefined;
        outcome();
      };
      const alive = () => {
        clearTimeout(stall);
        stall = setTimeout(() => finish(() => resolve({ kind: "stalled" })), watchTimeoutSeconds * 1000 + stallGraceMs);
      };
      this.abort = () => finish(() => resolve({ kind: "closed" }));
      alive();
      const query: Record<string, string | number | boolean> = {
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: watchTimeoutSeconds,
      };
      if (this.spec.fieldSelector) query.fieldSelector = this.spec.fieldSelector;
      const onEvent = (type: string, object: unknown) => {
        if (settled) return;
        alive();
        this.state.lastEventAt = new Date();
        const status = object as { code?: number; message?: string; reason?: string };
        if (type === "ERROR") {
          if (status.code === 410) finish(() => resolve({ kind: "expired" }));
          else finish(() => reject(new KubeApiError("server_error", status.message ?? "The watch ended with an error.", status.code)));
          return;
        }
        const rv = (object as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion;
        if (type !== "BOOKMARK") {
          const item = this.spec.fromWire(object);
          const key = this.spec.keyOf(item);
          if (type === "DELETED") this.remove(key);
          else this.put(key, item);
        }
        if (rv) this.resourceVersion = rv;
      };
      const onDone = (error: unknown) => {
        if (!error) return finish(() => resolve({ kind: "closed" }));
        const code = (error as { statusCode?: number }).statusCode;
        if (code === 410) return finish(() => resolve({ kind: "expired" }));
        finish(() => reject(code ? new KubeApiError(code === 403 ? "forbidden" : code === 401 ? "unauthorized" : "server_error", `The watch was refused (${code}).`, code) : error));
      };
      kubeWatch()
        .watch(this.spec.path, query, onEvent, onDone)
        .then((c) => {
          controller = c;
          if (settled) c.abort();
        })
        .catch((error: unknown) => onDone(error));
    });
  }
}
