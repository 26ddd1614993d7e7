// Watches as kube-apiserver serves them: resourceVersion semantics, bookmarks when allowed,
// 410 Gone as an ERROR event carrying a Status, 400 for a resourceVersion that is none.
import { afterEach, describe, expect, it } from "vitest";
import { standInFetch } from "./stand-in-fetch";
import { apply, control, profile, startHarness, type AnyJson, type Harness } from "./test-support";

let h: Harness;
afterEach(async () => h?.standIn.stop());

const PATH = "/apis/kubeflow.org/v1/profiles";

async function watchEvents(query: string): Promise<{ status: number; events: AnyJson[]; body: string }> {
  const res = await standInFetch(h.standIn, `${PATH}?watch=true&${query}`, { headers: { Authorization: `Bearer ${h.standIn.token}` } });
  const body = await res.text();
  const events = res.status === 200 ? body.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)) : [];
  return { status: res.status, events, body };
}

const rvOf = (o: AnyJson): number => Number(o.metadata.resourceVersion);

describe("watch", () => {
  it("resumes after a resourceVersion with exactly the changes since, in order", async () => {
    h = await startHarness();
    const a = await apply(h, profile("a"));
    await apply(h, profile("b"));
    await h.custom.deleteClusterCustomObject({ group: "kubeflow.org", version: "v1", plural: "profiles", name: "a" });
    const { events } = await watchEvents(`resourceVersion=${rvOf(a.data)}&timeoutSeconds=1`);
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(["ADDED b", "DELETED a"]);
    expect(rvOf(events[1].object)).toBeGreaterThan(rvOf(events[0].object));
  });

  it("sends BOOKMARK events with the current resourceVersion only when the client allows them, and one before it ends the watch", async () => {
    h = await startHarness({ bookmarkIntervalMs: 200 });
    await apply(h, profile("a"));
    const plain = await watchEvents("timeoutSeconds=1");
    expect(plain.events.map((e) => e.type)).toEqual(["ADDED"]);
    const { events } = await watchEvents("allowWatchBookmarks=true&timeoutSeconds=1");
    const bookmarks = events.filter((e) => e.type === "BOOKMARK");
    // About every 200 ms over a second, the last one just before the end.
    expect(bookmarks.length).toBeGreaterThanOrEqual(3);
    expect(events.at(-1).type).toBe("BOOKMARK");
    expect(bookmarks[0].object).toEqual({ kind: "Profile", apiVersion: "kubeflow.org/v1", metadata: { resourceVersion: expect.any(String) } });
    // The store's revision: at least the newest Profile's (the controller's namespace came after it).
    expect(rvOf(bookmarks[0].object)).toBeGreaterThanOrEqual(rvOf(events[0].object));
  });

  it("answers a resourceVersion older than the compacted history with a 410 Expired Status as an ERROR event (THREATS 116)", async () => {
    h = await startHarness();
    const a = await apply(h, profile("a"));
    await apply(h, profile("b"));
    expect((await control(h.standIn, "POST", "/compact")).status).toBe(200);
    const { status, events } = await watchEvents(`resourceVersion=${rvOf(a.data)}`);
    expect(status).toBe(200);
    expect(events).toHaveLength(1);
    expect(events[0].type).toBe("ERROR");
    expect(events[0].object).toMatchObject({ kind: "Status", apiVersion: "v1", status: "Failure", reason: "Expired", code: 410 });
    expect(events[0].object.message).toMatch(/^too old resource version: \d+ \(\d+\)$/);
  });

  it("refuses a resourceVersion that is not one with 400", async () => {
    h = await startHarness();
    const { status, body } = await watchEvents("resourceVersion=abc");
    expect(status).toBe(400);
    expect(JSON.parse(body)).toMatchObject({ kind: "Status", reason: "BadRequest", code: 400 });
  });
});
