// LIST (pagination, selectors, consistency), authentication and authorization, and the server's
// answers for paths and methods it does not serve.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { apiError, apply, applyOptions, clientsFor, control, profile, PROFILES, raw, sample, startHarness, UUID_RE, type AnyJson, type Harness } from "./test-support";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.standIn.stop();
});

const names = (list: AnyJson): string[] => list.items.map((i: AnyJson) => i.metadata.name);
const list = (h: Harness, params: { limit?: number; _continue?: string; labelSelector?: string } = {}) =>
  h.custom.listClusterCustomObject({ ...PROFILES, ...params }) as Promise<AnyJson>;

async function seed(h: Harness, ...entries: [string, Record<string, string>][]): Promise<void> {
  for (const [name, labels] of entries) await apply(h, profile(name, undefined, { metadata: { labels } }));
}

describe("list", () => {
  it("pages with limit and continue like a real server (ProfileList, continue, remainingItemCount)", async () => {
    await seed(h, ["e", {}], ["c", {}], ["a", {}], ["d", {}], ["b", {}]);
    const first = await list(h, { limit: 2 });
    const expected = sample("list.json");
    expect(Object.keys(first)).toEqual(Object.keys(expected));
    expect(first).toMatchObject({ apiVersion: "kubeflow.org/v1", kind: "ProfileList" });
    expect(names(first)).toEqual(["a", "b"]);
    expect(first.metadata.remainingItemCount).toBe(3);
    expect(first.metadata.continue).not.toBe("");
    const token = JSON.parse(Buffer.from(first.metadata.continue, "base64url").toString());
    expect(token).toEqual({ v: "meta.k8s.io/v1", rv: Number(first.metadata.resourceVersion), start: "b\u0000" });
    const second = await list(h, { limit: 2, _continue: first.metadata.continue });
    expect(names(second)).toEqual(["c", "d"]);
    expect(second.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
    const last = await list(h, { limit: 2, _continue: second.metadata.continue });
    expect(names(last)).toEqual(["e"]);
    expect(last.metadata).toEqual({ continue: "", resourceVersion: first.metadata.resourceVersion });
    const all = await list(h);
    expect(all.metadata).toEqual({ continue: "", resourceVersion: first.metadata.resourceVersion });
  });

  it("keeps later pages consistent with the first one (a snapshot at its resourceVersion)", async () => {
    await seed(h, ["a", {}], ["b", {}], ["c", {}]);
    const first = await list(h, { limit: 1 });
    await apply(h, profile("bb"));
    await h.custom.deleteClusterCustomObject({ ...PROFILES, name: "c" });
    const rest = await list(h, { limit: 10, _continue: first.metadata.continue });
    expect(names(rest)).toEqual(["b", "c"]);
    expect(names(await list(h))).toEqual(["a", "b", "bb"]);
  });

  it("answers 410 Expired once the snapshot is compacted, and 400 for a token it cannot read", async () => {
    await seed(h, ["a", {}], ["b", {}]);
    const first = await list(h, { limit: 1 });
    // etcd can still serve the compaction revision itself, so move on before compacting.
    await apply(h, profile("c"));
    expect((await control(h.standIn, "POST", "/compact")).status).toBe(200);
    const gone = await apiError(list(h, { limit: 1, _continue: first.metadata.continue }));
    expect(gone.code).toBe(410);
    expect(gone.body).toMatchObject({ kind: "Status", status: "Failure", reason: "Expired", code: 410 });
    expect(gone.body.message).toMatch(/^The provided continue parameter is too old to display a consistent list result\./);
    // The server offers a token that continues at the latest revision.
    const latest = await list(h, { limit: 1, _continue: gone.body.metadata.continue });
    expect(names(latest)).toEqual(["b"]);
    expect(latest.metadata.continue).not.toBe("");
    const bad = await apiError(list(h, { _continue: "not*a*token" }));
    expect(bad.code).toBe(400);
    expect(bad.body).toMatchObject({ reason: "BadRequest", message: "invalid continue token: continue key is not valid: illegal base64 data at input byte 3" });
  });

  it("filters by labelSelector: =, ==, !=, existence, !key, set-based and comma-AND", async () => {
    await seed(
      h,
      ["a", { tier: "small", team: "x" }],
      ["b", { tier: "large", team: "x" }],
      ["c", { tier: "small" }],
    );
    const sel = async (labelSelector: string) => names(await list(h, { labelSelector }));
    expect(await sel("tier=small")).toEqual(["a", "c"]);
    expect(await sel("tier==large")).toEqual(["b"]);
    expect(await sel("tier!=small")).toEqual(["b"]);
    expect(await sel("team")).toEqual(["a", "b"]);
    expect(await sel("!team")).toEqual(["c"]);
    expect(await sel("tier=small,team=x")).toEqual(["a"]);
    expect(await sel("tier in (large, medium)")).toEqual(["b"]);
    expect(await sel("tier notin (large)")).toEqual(["a", "c"]);
    const filtered = await list(h, { labelSelector: "tier=small", limit: 1 });
    expect(names(filtered)).toEqual(["a"]);
    expect(filtered.metadata.remainingItemCount).toBeUndefined();
    const err = await apiError(list(h, { labelSelector: "tier=a b" }));
    expect(err.code).toBe(400);
  });

  it("serves namespaces and resource quotas as core v1 lists", async () => {
    await apply(h, profile("ws"));
    const namespaces = await h.core.listNamespace();
    expect(namespaces.items.map((n) => n.metadata?.name)).toEqual(["default", "kube-node-lease", "kube-public", "kube-system", "kubeflow", "ws"]);
    const quotas = await raw(h.standIn, "GET", "/api/v1/resourcequotas");
    expect(Object.keys(quotas.json)).toEqual(["kind", "apiVersion", "metadata", "items"]);
    expect(quotas.json.kind).toBe("ResourceQuotaList");
    expect(quotas.json.items[0].kind).toBeUndefined();
    expect(quotas.json.items[0].metadata).toMatchObject({ name: "kf-resource-quota", namespace: "ws" });
    const ns = await raw(h.standIn, "GET", "/api/v1/namespaces/ws");
    expect(Object.keys(ns.json)).toEqual(["kind", "apiVersion", "metadata", "spec", "status"]);
    expect(ns.json).toMatchObject({ kind: "Namespace", apiVersion: "v1", spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } });
  });
});

describe("authentication and authorization", () => {
  it("401 without a token or with an unknown one, like bad-token-401.json", async () => {
    for (const token of [null, "not-a-token"]) {
      const res = await raw(h.standIn, "GET", "/apis/kubeflow.org/v1/profiles", { token });
      expect(res.status).toBe(401);
      expect(res.json).toEqual(sample("bad-token-401.json"));
      expect(res.headers.get("audit-id")).toMatch(UUID_RE);
    }
    const client = clientsFor(h.standIn, "wrong");
    const err = await apiError(client.custom.listClusterCustomObject({ ...PROFILES }));
    expect(err.code).toBe(401);
  });

  it("lets the read-only token read and answers its writes with 403 like forbidden-403.json", async () => {
    await apply(h, profile("x"));
    expect(((await h.readOnly.custom.getClusterCustomObject({ ...PROFILES, name: "x" })) as AnyJson).metadata.name).toBe("x");
    expect(((await h.readOnly.custom.listClusterCustomObject({ ...PROFILES })) as AnyJson).items).toHaveLength(1);
    const expected = (verb: string) =>
      sample("forbidden-403.json", { "limited-user": "system:serviceaccount:berth:berth-readonly", "cannot patch": `cannot ${verb}` });
    const roApply = h.readOnly.custom.patchClusterCustomObject(
      { ...PROFILES, name: "x", body: profile("x"), fieldManager: "berth", force: true },
      applyOptions(),
    );
    expect(await apiError(roApply)).toMatchObject({ code: 403, body: expected("patch") });
    expect((await apiError(h.readOnly.custom.deleteClusterCustomObject({ ...PROFILES, name: "x" }))).body).toEqual(expected("delete"));
    const created = await apiError(h.readOnly.custom.createClusterCustomObject({ ...PROFILES, body: profile("y") }));
    expect(created.body.message).toBe(
      'profiles.kubeflow.org is forbidden: User "system:serviceaccount:berth:berth-readonly" cannot create resource "profiles" in API group "kubeflow.org" at the cluster scope',
    );
    expect(created.body.details).toEqual({ group: "kubeflow.org", kind: "profiles" });
    const replaced = await apiError(h.readOnly.custom.replaceClusterCustomObject({ ...PROFILES, name: "x", body: profile("x") }));
    expect(replaced.body).toEqual(expected("update"));
    const quota = await apiError(h.readOnly.core.deleteNamespacedResourceQuota({ name: "kf-resource-quota", namespace: "x" }));
    expect(quota.body.message).toBe(
      'resourcequotas "kf-resource-quota" is forbidden: User "system:serviceaccount:berth:berth-readonly" cannot delete resource "resourcequotas" in API group "" in the namespace "x"',
    );
  });
});

describe("paths and methods the server does not serve", () => {
  it("404 NotFound for unknown paths and 405 MethodNotAllowed for unsupported methods", async () => {
    for (const path of ["/apis/kubeflow.org/v2/profiles", "/apis/kubeflow.org/v1/notebooks", "/nope", "/apis/kubeflow.org/v1/namespaces/a/profiles"]) {
      const res = await raw(h.standIn, "GET", path);
      expect(res.status, path).toBe(404);
      expect(res.json).toEqual({
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message: "the server could not find the requested resource",
        reason: "NotFound",
        details: {},
        code: 404,
      });
    }
    const post = await raw(h.standIn, "POST", "/apis/kubeflow.org/v1/profiles/x", { body: profile("x") });
    expect(post.status).toBe(405);
    expect(post.json).toMatchObject({ reason: "MethodNotAllowed", message: "the server does not allow this method on the requested resource", code: 405 });
    expect((await raw(h.standIn, "POST", "/api/v1/resourcequotas", { body: {} })).status).toBe(405);
  });
});
