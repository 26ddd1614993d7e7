// Injected faults, the control endpoints and request log, persistence across restarts, the
// kubeconfig the stand-in writes, and watches.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { AbortError, CustomObjectsApi, FetchError, KubeConfig } from "@kubernetes/client-node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startKubeApiStandIn } from "./server";
import { standInFetch } from "./stand-in-fetch";
import { apiError, apply, control, profile, PROFILES, raw, startHarness, timeoutOptions, type AnyJson, type Harness } from "./test-support";

let h: Harness | undefined;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "kube-api-"));
});
afterEach(async () => {
  await h?.standIn.stop();
  h = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const addFault = async (hh: Harness, spec: object): Promise<string> => {
  const res = await control(hh.standIn, "POST", "/faults", spec);
  expect(res.status).toBe(201);
  return res.json.id as string;
};

describe("faults", () => {
  it("status mode answers the next N matching requests with a proper Status, then recovers", async () => {
    h = await startHarness();
    const id = await addFault(h, { method: "PATCH", pathPrefix: "/apis/kubeflow.org/", count: 2, status: 500 });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await h.custom.listClusterCustomObject({ ...PROFILES }); // a GET does not match
    for (let i = 0; i < 2; i++) {
      const err = await apiError(apply(h, profile("ws")));
      expect(err.code).toBe(500);
      expect(err.body).toMatchObject({ kind: "Status", status: "Failure", reason: "InternalError", code: 500 });
      expect(err.headers["audit-id"]).toBeTruthy();
    }
    expect((await apply(h, profile("ws"))).httpStatusCode).toBe(201);
  });

  it("429 carries Retry-After and details.retryAfterSeconds; 503 is ServiceUnavailable", async () => {
    h = await startHarness();
    await addFault(h, { count: 1, status: 429, retryAfterSeconds: 3 });
    const err = await apiError(apply(h, profile("ws")));
    expect(err.code).toBe(429);
    expect(err.headers["retry-after"]).toBe("3");
    expect(err.body).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "the server has received too many requests and has asked us to try again later",
      reason: "TooManyRequests",
      details: { retryAfterSeconds: 3 },
      code: 429,
    });
    await addFault(h, { count: 1, status: 503 });
    expect((await apiError(h.custom.listClusterCustomObject({ ...PROFILES }))).body.reason).toBe("ServiceUnavailable");
  });

  it("reset mode drops the connection", async () => {
    h = await startHarness();
    await addFault(h, { count: 1, mode: "reset" });
    const err = await apply(h, profile("ws")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    const log = (await control(h.standIn, "GET", "/requests")).json;
    expect(log[0]).toMatchObject({ method: "PATCH", status: null, fault: "reset" });
  });

  it("hang mode never answers: the client times out, and stop() still returns", async () => {
    h = await startHarness();
    await addFault(h, { count: 1, mode: "hang" });
    const started = Date.now();
    const err = await h.custom.listClusterCustomObject({ ...PROFILES }, timeoutOptions(200)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    await addFault(h, { count: 1, mode: "hang" });
    const pending = standInFetch(h.standIn, "/apis/kubeflow.org/v1/profiles").catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await h.standIn.stop();
    expect(await pending).toBeInstanceOf(Error);
  });

  it("delayMs slows the answer down; DELETE /_standin/faults clears pending faults", async () => {
    h = await startHarness();
    await addFault(h, { count: 1, delayMs: 150 });
    const started = Date.now();
    await h.custom.listClusterCustomObject({ ...PROFILES });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await addFault(h, { count: 5, status: 503 });
    expect((await control(h.standIn, "DELETE", "/faults")).status).toBe(200);
    await h.custom.listClusterCustomObject({ ...PROFILES });
  });
});

describe("control endpoints", () => {
  it("require the control token", async () => {
    h = await startHarness();
    for (const token of [null, h.standIn.token]) {
      const res = await raw(h.standIn, "POST", "/_standin/reset", { token });
      expect(res.status).toBe(401);
    }
  });

  it("log API requests (so tests can count exactly one apply) and clear the log", async () => {
    h = await startHarness();
    await apply(h, profile("ws"));
    await h.custom.getClusterCustomObject({ ...PROFILES, name: "ws" });
    const log = (await control(h.standIn, "GET", "/requests")).json as AnyJson[];
    const applies = log.filter((e) => e.method === "PATCH" && e.contentType === "application/apply-patch+yaml");
    expect(applies).toHaveLength(1);
    expect(applies[0]).toMatchObject({
      path: "/apis/kubeflow.org/v1/profiles/ws",
      query: { fieldManager: "berth", force: "true" },
      fieldManager: "berth",
      status: 201,
      user: "system:serviceaccount:berth:berth",
    });
    expect(applies[0].auditId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(applies[0].at)).not.toBeNaN();
    await control(h.standIn, "DELETE", "/requests");
    expect((await control(h.standIn, "GET", "/requests")).json).toEqual([]);
  });

  it("reset wipes objects and faults (a fresh cluster keeps its system namespaces)", async () => {
    h = await startHarness();
    await apply(h, profile("ws"));
    await addFault(h, { count: 1, status: 500 });
    expect((await control(h.standIn, "POST", "/reset")).status).toBe(200);
    expect(((await h.custom.listClusterCustomObject({ ...PROFILES })) as AnyJson).items).toEqual([]);
    const namespaces = (await h.core.listNamespace()).items.map((n) => n.metadata?.name);
    expect(namespaces).toEqual(["default", "kube-node-lease", "kube-public", "kube-system", "kubeflow"]);
  });
});

describe("state and configuration", () => {
  it("persists state in stateFile across restarts", async () => {
    const stateFile = path.join(dir, "state", "kube.json");
    h = await startHarness({ stateFile });
    const created = (await apply(h, profile("ws"))).data as AnyJson;
    await apply(h, profile("zz"));
    const firstPage = (await h.custom.listClusterCustomObject({ ...PROFILES, limit: 1 })) as AnyJson;
    expect(firstPage.metadata.continue).not.toBe("");
    await apply(h, profile("zz", { pods: "2" }));
    await h.standIn.stop();
    expect(JSON.parse(readFileSync(stateFile, "utf8")).kind).toBe("BerthKubeApiStandInState");

    const firstCa = h.standIn.caCertPem;
    h = await startHarness({ stateFile });
    // The serving certificate is kept next to the state, so kubeconfigs that trust it keep working.
    expect(h.standIn.caCertPem).toBe(firstCa);
    expect(statSync(`${stateFile}.tls.json`).mode & 0o777).toBe(0o600);
    const again = (await h.custom.getClusterCustomObject({ ...PROFILES, name: "ws" })) as AnyJson;
    expect(again.metadata).toEqual(created.metadata);
    expect((await h.core.readNamespacedResourceQuota({ name: "kf-resource-quota", namespace: "ws" })).spec?.hard?.pods).toBe("20");
    const next = (await apply(h, profile("ws", { pods: "1" }))).data as AnyJson;
    expect(Number(next.metadata.resourceVersion)).toBeGreaterThan(Number(created.metadata.resourceVersion));
    // History from before the restart is gone: a token from before the last pre-restart write expires.
    expect((await apiError(h.custom.listClusterCustomObject({ ...PROFILES, limit: 1, _continue: firstPage.metadata.continue }))).code).toBe(410);
  });

  it("writes a kubeconfig that KubeConfig.loadFromFile can use, honouring BERTH_STANDIN_TOKEN", async () => {
    const kubeconfigPath = path.join(dir, "kubeconfig");
    process.env["BERTH_STANDIN_TOKEN"] = "fixed-dev-token";
    try {
      const standIn = await startKubeApiStandIn({ port: 0, kubeconfigPath });
      h = { standIn } as Harness;
      expect(standIn.token).toBe("fixed-dev-token");
      expect(standIn.kubeconfigPath).toBe(kubeconfigPath);
      expect(statSync(kubeconfigPath).mode & 0o777).toBe(0o600);
      const kc = new KubeConfig();
      kc.loadFromFile(kubeconfigPath);
      expect(kc.getCurrentContext()).toBe("berth-dev");
      expect(standIn.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(kc.getCurrentCluster()?.server).toBe(standIn.url);
      // Verified TLS, never skipped: kubectl sends the token only then.
      expect(kc.getCurrentCluster()?.skipTLSVerify).toBeFalsy();
      expect(Buffer.from(kc.getCurrentCluster()?.caData ?? "", "base64").toString()).toBe(standIn.caCertPem);
      const api = kc.makeApiClient(CustomObjectsApi);
      expect(((await api.listClusterCustomObject({ ...PROFILES })) as AnyJson).kind).toBe("ProfileList");
    } finally {
      delete process.env["BERTH_STANDIN_TOKEN"];
    }
  });

  it("serves TLS that only a client trusting its certificate accepts", async () => {
    h = await startHarness();
    // Node's own fetch trusts only the public CAs, so the self-signed certificate is refused.
    const untrusted = await fetch(`${h.standIn.url}/version`).catch((e: unknown) => e);
    expect(untrusted).toBeInstanceOf(Error);
    expect(String((untrusted as Error & { cause?: unknown }).cause)).toMatch(/self[- ]signed/i);
    const other = await startKubeApiStandIn({ port: 0 });
    try {
      expect(other.caCertPem).not.toBe(h.standIn.caCertPem); // without a state file, a certificate per start
      const wrongCa = await standInFetch({ url: h.standIn.url, caCertPem: other.caCertPem }, "/version").catch((e: unknown) => e);
      expect(wrongCa).toBeInstanceOf(Error);
    } finally {
      await other.stop();
    }
    expect((await raw(h.standIn, "GET", "/version")).status).toBe(200);
  });

  it("adds latencyMs to every API request", async () => {
    h = await startHarness({ latencyMs: 120 });
    const started = Date.now();
    await h.custom.listClusterCustomObject({ ...PROFILES });
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it("streams watch events", async () => {
    h = await startHarness();
    await apply(h, profile("a"));
    const res = await standInFetch(h.standIn, "/apis/kubeflow.org/v1/profiles?watch=true&timeoutSeconds=1", {
      headers: { Authorization: `Bearer ${h.standIn.token}` },
    });
    expect(res.status).toBe(200);
    await apply(h, profile("b"));
    await h.custom.deleteClusterCustomObject({ ...PROFILES, name: "a" });
    const events = (await res.text()).trim().split("\n").map((l) => JSON.parse(l));
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(["ADDED a", "ADDED b", "DELETED a"]);
  });
});
