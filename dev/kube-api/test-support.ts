// Shared helpers for the stand-in's tests: start one per test, talk to it through the real
// @kubernetes/client-node, and load the recorded kube-apiserver samples for comparison.
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  ApiException,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderMiddleware,
  setHeaderOptions,
} from "@kubernetes/client-node";
import { startKubeApiStandIn, type KubeApiStandIn, type KubeApiStandInOptions } from "./server";
import { standInFetch, type StandInEndpoint } from "./stand-in-fetch";

// Responses recorded from a real kube-apiserver (see samples/README.md).
export const SAMPLES_DIR = path.join(import.meta.dirname, "samples");
export const PROFILES = { group: "kubeflow.org", version: "v1", plural: "profiles" } as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test helpers handle arbitrary JSON
export type AnyJson = any;

/** Clients that verify the stand-in's certificate, as Berth's own kubeconfig does. */
export function clientsFor(endpoint: StandInEndpoint, token: string): { kc: KubeConfig; custom: CustomObjectsApi; core: CoreV1Api } {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "stand-in", server: endpoint.url, caData: Buffer.from(endpoint.caCertPem).toString("base64") }],
    users: [{ name: "berth", token }],
    contexts: [{ name: "stand-in", cluster: "stand-in", user: "berth" }],
    currentContext: "stand-in",
  });
  return { kc, custom: kc.makeApiClient(CustomObjectsApi), core: kc.makeApiClient(CoreV1Api) };
}

export interface Harness {
  standIn: KubeApiStandIn;
  custom: CustomObjectsApi;
  core: CoreV1Api;
  readOnly: { custom: CustomObjectsApi; core: CoreV1Api };
}

export async function startHarness(options: KubeApiStandInOptions = {}): Promise<Harness> {
  const standIn = await startKubeApiStandIn({ port: 0, ...options });
  const { custom, core } = clientsFor(standIn, standIn.token);
  const ro = clientsFor(standIn, standIn.readOnlyToken);
  return { standIn, custom, core, readOnly: { custom: ro.custom, core: ro.core } };
}

export const applyOptions = () => setHeaderOptions("Content-Type", PatchStrategy.ServerSideApply);
export const mergeOptions = () => setHeaderOptions("Content-Type", PatchStrategy.MergePatch);

/** Client options that abort the request after `ms` (client-node's middleware wants its own Observable). */
export function timeoutOptions(ms: number) {
  const base = setHeaderMiddleware("X-Berth-Test", "timeout");
  return {
    middleware: [
      {
        pre: (ctx: Parameters<typeof base.pre>[0]) => {
          ctx.setSignal(AbortSignal.timeout(ms));
          return base.pre(ctx);
        },
        post: base.post,
      },
    ],
    middlewareMergeStrategy: "append" as const,
  };
}

/** A Profile as Berth applies it; `hard: null` leaves out resourceQuotaSpec entirely. */
export function profile(name: string, hard: Record<string, string> | null = { pods: "20", "requests.cpu": "4", "requests.memory": "16Gi" }, extra: AnyJson = {}): AnyJson {
  const spec: AnyJson = { owner: { kind: "User", name: "ada@example.com" } };
  if (hard) spec.resourceQuotaSpec = { hard };
  return {
    apiVersion: "kubeflow.org/v1",
    kind: "Profile",
    metadata: { name, labels: { "app.kubernetes.io/managed-by": "berth" }, ...extra.metadata },
    spec: { ...spec, ...extra.spec },
  };
}

export function apply(h: Harness, body: AnyJson, fieldManager = "berth", force: boolean | undefined = true) {
  return h.custom.patchClusterCustomObjectWithHttpInfo(
    { ...PROFILES, name: body.metadata.name, body, fieldManager, ...(force === undefined ? {} : { force }) },
    applyOptions(),
  );
}

/** The rejection of an API call as {code, body (parsed Status), headers}. */
export async function apiError(promise: Promise<unknown>): Promise<{ code: number; body: AnyJson; headers: Record<string, string> }> {
  try {
    await promise;
  } catch (err) {
    if (!(err instanceof ApiException)) throw err;
    const e = err as ApiException<unknown>;
    const body = typeof e.body === "string" && e.body ? JSON.parse(e.body) : e.body;
    return { code: e.code, body, headers: e.headers };
  }
  throw new Error("expected the API call to fail");
}

/** A recorded sample with names substituted (plain text replacement, applied in order). */
export function sample(file: string, substitutions: Record<string, string> = {}): AnyJson {
  let text = readFileSync(path.join(SAMPLES_DIR, file), "utf8");
  for (const [from, to] of Object.entries(substitutions)) text = text.split(from).join(to);
  return JSON.parse(text);
}

/** A raw HTTP call, for what the typed client hides (exact bytes, headers, user agents). */
export async function raw(
  standIn: KubeApiStandIn,
  method: string,
  urlPath: string,
  opts: { token?: string | null; headers?: Record<string, string>; body?: unknown } = {},
): Promise<{ status: number; headers: Headers; text: string; json: AnyJson }> {
  const headers: Record<string, string> = { ...opts.headers };
  const token = opts.token === undefined ? standIn.token : opts.token;
  if (token) headers["Authorization"] = `Bearer ${token}`;
  const res = await standInFetch(standIn, urlPath, {
    method,
    headers,
    ...(opts.body === undefined ? {} : { body: typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body) }),
  });
  const text = await res.text();
  let json: AnyJson;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export function control(standIn: KubeApiStandIn, method: string, urlPath: string, body?: unknown) {
  return raw(standIn, method, `/_standin${urlPath}`, { token: standIn.controlToken, body });
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const RFC3339_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
