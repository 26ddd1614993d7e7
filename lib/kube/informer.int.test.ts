// The informers against the API stand-in: list then watch, a restart from the last version, a
// fresh list after 410 Gone, exponential back-off on errors, and health that says so.
import { afterEach, describe, expect, it } from "vitest";
import { standIn, uniqueName } from "@/test/fixtures";
import { ClusterCache } from "./cluster-cache";
import { Informer, backoffMs, type RestartReason } from "./informer";
import type { ClusterNamespace } from "./namespaces";

const namespaces = {
  kind: "namespaces",
  path: "/api/v1/namespaces",
  fromWire: (raw: unknown) => ({ name: (raw as { metadata: { name: string } }).metadata.name, labels: {} }),
  keyOf: (ns: ClusterNamespace) => ns.name,
};

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.map((r) => r.stop()));
  running = [];
  await standIn.clearFaults();
});

function started<T extends { start(): void; stop(): Promise<void> }>(informer: T): T {
  informer.start();
  running.push(informer);
  return informer;
}

describe("informer", () => {
  it("lists, then follows changes through its watch, announcing each by key", async () => {
    const before = uniqueName("ns");
    await standIn.createNamespace(before);
    const seen: string[] = [];
    const informer = new Informer(namespaces);
    informer.onChange((key, event) => seen.push(`${event} ${key}`));
    started(informer);
    await until(() => informer.synced);
    expect(informer.get(before)).toBeDefined();
    const after = uniqueName("ns");
    await standIn.createNamespace(after);
    await until(() => informer.get(after) !== undefined);
    expect(seen).toContain(`added ${after}`);
    expect(informer.health()).toMatchObject({ kind: "namespaces", synced: true, restarts: 0, consecutiveFailures: 0 });
    expect(informer.health().lastEventAt).toBeInstanceOf(Date);
  });

  it("resumes from its resourceVersion when the server ends the watch, and lists again after 410 Gone (THREATS 116)", async () => {
    const restarts: RestartReason[] = [];
    const informer = started(new Informer(namespaces, { watchTimeoutSeconds: 1, onRestart: (_kind, reason) => restarts.push(reason) }));
    await until(() => informer.synced);
    await until(() => restarts.includes("closed"), 5_000);
    expect(informer.health().relists).toBe(0);
    // The next watch request is answered as a server whose history was compacted answers it.
    await standIn.injectFault({ method: "GET", pathPrefix: "/api/v1/namespaces", count: 1, status: 410, reason: "Expired" });
    const created = uniqueName("ns");
    await standIn.createNamespace(created);
    await until(() => informer.health().relists >= 1 && informer.synced && informer.get(created) !== undefined, 8_000);
    expect(restarts).toContain("expired");
    expect(informer.synced).toBe(true);
  });

  it("backs off exponentially while the API fails, then recovers and reports the failures it saw (THREATS 116)", async () => {
    await standIn.injectFault({ method: "GET", pathPrefix: "/api/v1/namespaces", count: 3, status: 503 });
    const informer = started(new Informer(namespaces, { backoffBaseMs: 50, backoffMaxMs: 400 }));
    await until(() => informer.health().consecutiveFailures >= 2);
    expect(informer.synced).toBe(false);
    expect(informer.health().lastError).toMatch(/^server_error/);
    await until(() => informer.synced, 8_000);
    expect(informer.health().restarts).toBeGreaterThanOrEqual(3);
  });

  it("doubles its wait per failure up to the cap, with jitter below it", () => {
    const top = () => 1;
    expect([1, 2, 3, 4, 10].map((n) => backoffMs(n, 500, 30_000, top))).toEqual([500, 1000, 2000, 4000, 30_000]);
    expect(backoffMs(3, 500, 30_000, () => 0)).toBe(1000);
  });

  it("gives the whole snapshot from memory once every kind has listed", async () => {
    const name = uniqueName("ns");
    await standIn.createNamespace(name);
    const cache = started(new ClusterCache());
    expect(cache.snapshot()).toBeUndefined();
    expect(await cache.waitForSync(10_000)).toBe(true);
    const snapshot = cache.snapshot();
    expect(snapshot?.namespaces.has(name)).toBe(true);
    expect(cache.health().kinds.map((k) => k.kind)).toEqual([
      "profiles",
      "namespaces",
      "resourcequotas",
      "networkpolicies",
      "limitranges",
      "rolebindings",
      "authorizationpolicies",
    ]);
  });
});
