// Plain CRUD of Profiles next to server-side apply: POST, GET, DELETE, merge and JSON patches,
// PUT with optimistic concurrency, and the v1beta1 view of the same objects.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { apiError, apply, mergeOptions, profile, PROFILES, raw, sample, startHarness, type AnyJson, type Harness } from "./test-support";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.standIn.stop();
});

const managers = (obj: AnyJson) => obj.metadata.managedFields.map((m: AnyJson) => `${m.manager}/${m.operation}`);

describe("CRUD", () => {
  it("404 for a missing Profile, like get-notfound-404.json", async () => {
    const err = await apiError(h.custom.getClusterCustomObject({ ...PROFILES, name: "no-such-ws" }));
    expect(err.code).toBe(404);
    expect(err.body).toEqual(sample("get-notfound-404.json"));
  });

  it("POST creates (201) and a second POST is 409 AlreadyExists like create-exists-409.json", async () => {
    const created = await h.custom.createClusterCustomObjectWithHttpInfo({ ...PROFILES, body: profile("sample-ws") });
    expect(created.httpStatusCode).toBe(201);
    expect(managers(created.data)).toEqual(["node-fetch/Update"]);
    expect((created.data as AnyJson).metadata.managedFields[0].fieldsV1["f:spec"]["."]).toEqual({});
    const err = await apiError(h.custom.createClusterCustomObject({ ...PROFILES, body: profile("sample-ws") }));
    expect(err.code).toBe(409);
    expect(err.body).toEqual(sample("create-exists-409.json"));
  });

  it("prunes unknown fields on POST with a Warning header, and drops a namespace from a cluster-scoped object", async () => {
    const body = profile("ws", undefined, { spec: { tier: "gold" } });
    body.metadata.namespace = "somewhere";
    const res = await raw(h.standIn, "POST", "/apis/kubeflow.org/v1/profiles", { headers: { "Content-Type": "application/json" }, body });
    expect(res.status).toBe(201);
    expect(res.headers.get("warning")).toBe('299 - "unknown field \\"spec.tier\\""');
    expect(res.json.spec.tier).toBeUndefined();
    expect(res.json.metadata.namespace).toBeUndefined();
  });

  it("an apply conflicts with the Update manager that created the object", async () => {
    await h.custom.createClusterCustomObject({ ...PROFILES, body: profile("ws") });
    const err = await apiError(apply(h, profile("ws", { "requests.cpu": "8" }), "berth", false));
    expect(err.body.message).toBe(
      'Apply failed with 1 conflict: conflict with "node-fetch" using kubeflow.org/v1: .spec.resourceQuotaSpec.hard.requests.cpu',
    );
    // The same values are not a conflict: the applier becomes a co-owner.
    expect((await apply(h, profile("ws"), "berth", false)).httpStatusCode).toBe(200);
  });

  it("DELETE answers like delete.json (with the uid), then 404", async () => {
    const created = (await apply(h, profile("sample-ws"))).data as AnyJson;
    const res = await h.custom.deleteClusterCustomObjectWithHttpInfo({ ...PROFILES, name: "sample-ws" });
    expect(res.httpStatusCode).toBe(200);
    expect(res.data).toEqual(sample("delete.json", { "a74ca34a-6245-473f-be9b-a04f32e1d485": created.metadata.uid }));
    const err = await apiError(h.custom.deleteClusterCustomObject({ ...PROFILES, name: "sample-ws" }));
    expect(err.code).toBe(404);
  });

  it("merge patch by kubectl-edit is an Update that takes ownership of what it changed", async () => {
    await apply(h, profile("ws"));
    const patched = (await h.custom.patchClusterCustomObject(
      { ...PROFILES, name: "ws", body: { spec: { resourceQuotaSpec: { hard: { "requests.cpu": "6" } } } }, fieldManager: "kubectl-edit" },
      mergeOptions(),
    )) as AnyJson;
    expect(patched.spec.resourceQuotaSpec.hard["requests.cpu"]).toBe("6");
    const edit = patched.metadata.managedFields.find((m: AnyJson) => m.manager === "kubectl-edit");
    expect(edit).toMatchObject({ operation: "Update", apiVersion: "kubeflow.org/v1", fieldsType: "FieldsV1" });
    expect(edit.fieldsV1).toEqual({ "f:spec": { "f:resourceQuotaSpec": { "f:hard": { "f:requests.cpu": {} } } } });
    const err = await apiError(apply(h, profile("ws"), "berth", false));
    expect(err.body.message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-edit" using kubeflow.org/v1: .spec.resourceQuotaSpec.hard.requests.cpu',
    );
  });

  it("names an Update manager after the user agent when there is no fieldManager", async () => {
    await apply(h, profile("ws"));
    const res = await raw(h.standIn, "PATCH", "/apis/kubeflow.org/v1/profiles/ws", {
      headers: { "Content-Type": "application/merge-patch+json", "User-Agent": "kubectl-edit/v1.32.0 (linux/amd64) kubernetes/70d3cc9" },
      body: { metadata: { labels: { extra: "yes" } } },
    });
    expect(res.status).toBe(200);
    expect(managers(res.json)).toContain("kubectl-edit/Update");
  });

  it("refuses strategic merge patch on a custom resource with 415", async () => {
    await apply(h, profile("ws"));
    const res = await raw(h.standIn, "PATCH", "/apis/kubeflow.org/v1/profiles/ws", {
      headers: { "Content-Type": "application/strategic-merge-patch+json" },
      body: {},
    });
    expect(res.status).toBe(415);
    expect(res.json.reason).toBe("UnsupportedMediaType");
  });

  it("applies JSON patches and answers 422 when a test operation fails", async () => {
    await apply(h, profile("ws"));
    const ok = await raw(h.standIn, "PATCH", "/apis/kubeflow.org/v1/profiles/ws?fieldManager=ops", {
      headers: { "Content-Type": "application/json-patch+json" },
      body: [
        { op: "test", path: "/spec/resourceQuotaSpec/hard/pods", value: "20" },
        { op: "replace", path: "/spec/resourceQuotaSpec/hard/pods", value: "30" },
        { op: "remove", path: "/metadata/labels/app.kubernetes.io~1managed-by" },
      ],
    });
    expect(ok.status).toBe(200);
    expect(ok.json.spec.resourceQuotaSpec.hard.pods).toBe("30");
    expect(ok.json.metadata.labels).toBeUndefined();
    const failed = await raw(h.standIn, "PATCH", "/apis/kubeflow.org/v1/profiles/ws", {
      headers: { "Content-Type": "application/json-patch+json" },
      body: [{ op: "test", path: "/spec/resourceQuotaSpec/hard/pods", value: "20" }],
    });
    expect(failed.status).toBe(422);
    expect(failed.json.message).toBe("the server rejected our request due to an error in our request");
  });

  it("enforces resourceVersion on PATCH and PUT (409), and requires it on PUT of a custom resource (422)", async () => {
    const created = (await apply(h, profile("ws"))).data as AnyJson;
    const stale = String(Number(created.metadata.resourceVersion) - 1);
    const conflictMessage = 'Operation cannot be fulfilled on profiles.kubeflow.org "ws": the object has been modified; please apply your changes to the latest version and try again';
    const patchErr = await apiError(
      h.custom.patchClusterCustomObject({ ...PROFILES, name: "ws", body: { metadata: { resourceVersion: stale }, spec: { plugins: [] } } }, mergeOptions()),
    );
    expect(patchErr.code).toBe(409);
    expect(patchErr.body).toMatchObject({ reason: "Conflict", message: conflictMessage, details: { name: "ws", group: "kubeflow.org", kind: "profiles" } });
    const putErr = await apiError(
      h.custom.replaceClusterCustomObject({ ...PROFILES, name: "ws", body: { ...created, metadata: { ...created.metadata, resourceVersion: stale } } }),
    );
    expect(putErr.code).toBe(409);
    expect(putErr.body.message).toBe(conflictMessage);
    const { resourceVersion: _rv, ...withoutRv } = created.metadata;
    const unconditional = await apiError(h.custom.replaceClusterCustomObject({ ...PROFILES, name: "ws", body: { ...created, metadata: withoutRv } }));
    expect(unconditional.code).toBe(422);
    expect(unconditional.body.message).toBe('profiles.kubeflow.org "ws" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update');
    const replaced = (await h.custom.replaceClusterCustomObject({
      ...PROFILES,
      name: "ws",
      body: { ...created, spec: { ...created.spec, plugins: [{ kind: "WorkloadIdentity", spec: { gcpServiceAccount: "sa@p.iam.gserviceaccount.com" } }] } },
    })) as AnyJson;
    expect(replaced.metadata.generation).toBe(2);
    expect(replaced.spec.plugins[0].kind).toBe("WorkloadIdentity");
  });

  it("serves v1beta1 from the same store with the apiVersion rewritten", async () => {
    await apply(h, profile("ws"));
    const beta = (await h.custom.getClusterCustomObject({ ...PROFILES, version: "v1beta1", name: "ws" })) as AnyJson;
    expect(beta.apiVersion).toBe("kubeflow.org/v1beta1");
    const list = (await h.custom.listClusterCustomObject({ ...PROFILES, version: "v1beta1" })) as AnyJson;
    expect(list.apiVersion).toBe("kubeflow.org/v1beta1");
    expect(list.items[0].apiVersion).toBe("kubeflow.org/v1beta1");
  });
});
