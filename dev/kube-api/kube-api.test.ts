// Server-side apply, patches and errors of the Profile API, driven through @kubernetes/client-node
// and compared with the responses recorded from a real kube-apiserver.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  apiError,
  apply,
  applyOptions,
  profile,
  PROFILES,
  raw,
  RFC3339_RE,
  sample,
  startHarness,
  UUID_RE,
  type AnyJson,
  type Harness,
} from "./test-support";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.standIn.stop();
});

const managers = (obj: AnyJson) => obj.metadata.managedFields.map((m: AnyJson) => `${m.manager}/${m.operation}`);

describe("server-side apply", () => {
  it("creates with 201 and exactly the shape of apply-create.json", async () => {
    const res = await apply(h, profile("sample-ws"));
    expect(res.httpStatusCode).toBe(201);
    expect(res.headers["audit-id"]).toMatch(UUID_RE);
    expect(res.headers["content-type"]).toBe("application/json");
    const got = res.data as AnyJson;
    expect(got.metadata.uid).toMatch(UUID_RE);
    expect(got.metadata.creationTimestamp).toMatch(RFC3339_RE);
    expect(got.metadata.managedFields[0].time).toMatch(RFC3339_RE);
    const expected = sample("apply-create.json", {
      "a74ca34a-6245-473f-be9b-a04f32e1d485": got.metadata.uid,
      '"344"': JSON.stringify(got.metadata.resourceVersion),
      "2026-11-27T03:22:16Z": got.metadata.creationTimestamp,
    });
    expected.metadata.managedFields[0].time = got.metadata.managedFields[0].time;
    // Same keys in the same order as the real server (JSON text equality), not just equal values.
    expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
  });

  it("is idempotent: re-applying the same intent changes nothing", async () => {
    const first = (await apply(h, profile("ws"))).data as AnyJson;
    const again = await apply(h, profile("ws"));
    expect(again.httpStatusCode).toBe(200);
    expect(again.data).toEqual(first);
    const third = await apply(h, profile("ws"), "berth", false);
    expect((third.data as AnyJson).metadata.resourceVersion).toBe(first.metadata.resourceVersion);
  });

  it("removes a field the manager applied before and omits now", async () => {
    await apply(h, profile("ws"));
    const res = (await apply(h, profile("ws", { pods: "20", "requests.cpu": "4" }))).data as AnyJson;
    expect(res.spec.resourceQuotaSpec.hard).toEqual({ pods: "20", "requests.cpu": "4" });
    expect(res.metadata.generation).toBe(2);
    expect(res.metadata.managedFields[0].fieldsV1["f:spec"]["f:resourceQuotaSpec"]["f:hard"]).toEqual({
      "f:pods": {},
      "f:requests.cpu": {},
    });
    const noLabels = profile("ws", { pods: "20", "requests.cpu": "4" });
    delete noLabels.metadata.labels;
    const unlabeled = (await apply(h, noLabels)).data as AnyJson;
    expect(unlabeled.metadata.labels).toBeUndefined();
    expect(unlabeled.metadata.generation).toBe(2);
  });

  it("keeps a field another applier also owns when one of them drops it", async () => {
    await apply(h, profile("ws"));
    await apply(h, profile("ws", { "requests.memory": "16Gi" }), "other", false);
    const res = (await apply(h, profile("ws", { pods: "20" }))).data as AnyJson;
    expect(res.spec.resourceQuotaSpec.hard).toEqual({ pods: "20", "requests.memory": "16Gi" });
  });

  it("answers a conflicting apply without force with 409 exactly like apply-conflict-409.json", async () => {
    await apply(h, profile("ws"));
    const err = await apiError(apply(h, profile("ws", { "requests.cpu": "8" }), "kubectl-edit", false));
    expect(err.code).toBe(409);
    expect(err.body).toEqual(sample("apply-conflict-409.json"));
  });

  it("lists every conflicting field, one cause each", async () => {
    await apply(h, profile("ws"));
    const err = await apiError(apply(h, profile("ws", { "requests.cpu": "8", pods: "1" }), "kubectl-edit", false));
    expect(err.body.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "berth":\n- .spec.resourceQuotaSpec.hard.pods\n- .spec.resourceQuotaSpec.hard.requests.cpu',
    );
    expect(err.body.details.causes).toEqual([
      { reason: "FieldManagerConflict", message: 'conflict with "berth"', field: ".spec.resourceQuotaSpec.hard.pods" },
      { reason: "FieldManagerConflict", message: 'conflict with "berth"', field: ".spec.resourceQuotaSpec.hard.requests.cpu" },
    ]);
  });

  it("applying the same value as another manager is shared ownership, not a conflict", async () => {
    await apply(h, profile("ws"));
    const res = (await apply(h, profile("ws", { "requests.cpu": "4" }), "auditor", false)).data as AnyJson;
    expect(managers(res).sort()).toEqual(["auditor/Apply", "berth/Apply"]);
    const auditor = res.metadata.managedFields.find((m: AnyJson) => m.manager === "auditor");
    expect(auditor.fieldsV1["f:spec"]["f:resourceQuotaSpec"]["f:hard"]).toEqual({ "f:requests.cpu": {} });
  });

  it("with force moves ownership to the applier", async () => {
    await apply(h, profile("ws"));
    const forced = (await apply(h, profile("ws", { "requests.cpu": "8" }), "kubectl-edit", true)).data as AnyJson;
    expect(forced.spec.resourceQuotaSpec.hard["requests.cpu"]).toBe("8");
    const berth = forced.metadata.managedFields.find((m: AnyJson) => m.manager === "berth");
    expect(berth.fieldsV1["f:spec"]["f:resourceQuotaSpec"]["f:hard"]).toEqual({ "f:pods": {}, "f:requests.memory": {} });
    // Now berth's own field is someone else's: berth conflicts without force, and wins with it.
    const err = await apiError(apply(h, profile("ws"), "berth", false));
    expect(err.body.details.causes[0]).toEqual({
      reason: "FieldManagerConflict",
      message: 'conflict with "kubectl-edit"',
      field: ".spec.resourceQuotaSpec.hard.requests.cpu",
    });
    const back = (await apply(h, profile("ws"))).data as AnyJson;
    expect(back.spec.resourceQuotaSpec.hard["requests.cpu"]).toBe("4");
  });

  it("ignores status in an apply (status is a subresource)", async () => {
    const body = profile("ws");
    body.status = { conditions: [{ type: "Ready", status: "True" }] };
    const res = (await apply(h, body)).data as AnyJson;
    expect(res.status).toBeUndefined();
  });

  it("bumps generation only for spec changes, resourceVersion for every change", async () => {
    const a = (await apply(h, profile("ws"))).data as AnyJson;
    const relabeled = profile("ws");
    relabeled.metadata.labels["berth.dev/tier"] = "small";
    const b = (await apply(h, relabeled)).data as AnyJson;
    expect(b.metadata.generation).toBe(1);
    expect(Number(b.metadata.resourceVersion)).toBeGreaterThan(Number(a.metadata.resourceVersion));
  });

  it("rejects apply without fieldManager, with a foreign version, a wrong name or an unknown field", async () => {
    const noManager = await raw(h.standIn, "PATCH", "/apis/kubeflow.org/v1/profiles/ws", {
      headers: { "Content-Type": "application/apply-patch+yaml" },
      body: profile("ws"),
    });
    expect(noManager.status).toBe(422);
    expect(noManager.json.message).toBe('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
    const beta = profile("ws");
    beta.apiVersion = "kubeflow.org/v1beta1";
    const wrongVersion = await apiError(apply(h, beta));
    expect(wrongVersion.code).toBe(400);
    expect(wrongVersion.body.message).toBe("Incorrect version specified in apply patch. Specified patch version: kubeflow.org/v1beta1, expected: kubeflow.org/v1");
    const misnamed = await apiError(
      h.custom.patchClusterCustomObject({ ...PROFILES, name: "other", body: profile("ws"), fieldManager: "berth" }, applyOptions()),
    );
    expect(misnamed.code).toBe(400);
    expect(misnamed.body.message).toBe("the name of the object (ws) does not match the name on the URL (other)");
    const unknown = await apiError(apply(h, profile("ws", undefined, { spec: { tier: "gold" } })));
    expect(unknown.code).toBe(500);
    expect(unknown.body.message).toBe("failed to create typed patch object (/ws; kubeflow.org/v1, Kind=Profile): .spec.tier: field not declared in schema");
  });
});

describe("validation", () => {
  it("422 for a name that is not an RFC 1123 subdomain, like apply-invalid-name-422.json", async () => {
    const err = await apiError(apply(h, profile("Bad_Name")));
    expect(err.code).toBe(422);
    expect(err.body).toEqual(sample("apply-invalid-name-422.json"));
    expect((await apply(h, profile("a.b"))).httpStatusCode).toBe(201);
  });

  it("422 when spec.owner.name is missing, like apply-owner-missing-name-422.json", async () => {
    const body = profile("noowner");
    delete body.spec.owner.name;
    const err = await apiError(apply(h, body));
    expect(err.body).toEqual(sample("apply-owner-missing-name-422.json"));
  });

  it("422 for a quota value that is not a quantity, like apply-invalid-quantity.json", async () => {
    const err = await apiError(apply(h, profile("qty-ws", { "requests.cpu": "lots" })));
    expect(err.body).toEqual(sample("apply-invalid-quantity.json"));
  });

  it("422 for label values a real server refuses (an email is not a label value)", async () => {
    const err = await apiError(apply(h, profile("ws", undefined, { metadata: { labels: { owner: "ada@example.com" } } })));
    expect(err.code).toBe(422);
    expect(err.body.details.causes[0].field).toBe("metadata.labels");
    expect(err.body.message).toContain('metadata.labels: Invalid value: "ada@example.com": a valid label must be an empty string');
  });
});
