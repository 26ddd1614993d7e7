// The test-only /_standin endpoints: inject faults, reset state, read the request log, and simulate
// what happens in a cluster outside Berth (quota usage, namespaces created by someone else).
import { FULL_USER, READONLY_USER, type PolicyRule, type RbacModel } from "./auth";
import { seedCluster, setNodes, type NodeSpec } from "./cluster-seed";
import type { ProfileController } from "./controller";
import { parseFaultSpec, type Faults } from "./faults";
import { isObject, type Json } from "./json";
import { NAMESPACES, RESOURCE_QUOTAS } from "./resources";
import { alreadyExists, badRequest, methodNotAllowed, notFound, pathNotFound } from "./status";
import type { ObjectStore } from "./store";
import { isDns1123Label } from "./validation";
import { toWire } from "./wire";

export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string | null;
  fieldManager: string | null;
  /** null while in flight, and for requests a fault reset or left hanging. */
  status: number | null;
  auditId: string;
  at: string;
  user: string | null;
  /** The client's address and port: requests over one kept-alive connection share it. */
  connection: string;
  fault?: "status" | "reset" | "hang" | "delay";
}

export interface ControlDeps {
  store: ObjectStore;
  controller: ProfileController;
  faults: Faults;
  log: RequestLogEntry[];
  rbac: RbacModel;
}

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");

function parseRules(body: Json | undefined): PolicyRule[] {
  const rules = isObject(body) ? body["rules"] : undefined;
  if (!Array.isArray(rules)) throw badRequest("body must be {rules: [{verbs, apiGroups?, resources?, resourceNames?, nonResourceURLs?}]}");
  return rules.map((rule) => {
    if (!isObject(rule) || !isStringList(rule["verbs"])) throw badRequest("every rule needs verbs: string[]");
    const out: PolicyRule = { verbs: rule["verbs"] };
    for (const key of ["apiGroups", "resources", "resourceNames", "nonResourceURLs"] as const) {
      const value = rule[key];
      if (value === undefined) continue;
      if (!isStringList(value)) throw badRequest(`${key} must be a list of strings`);
      out[key] = value;
    }
    return out;
  });
}

function parseNodes(body: Json | undefined): NodeSpec[] {
  if (!Array.isArray(body)) throw badRequest('body must be [{name, allocatable: {"cpu": "16", ...}, unschedulable?}]');
  return body.map((node) => {
    if (!isObject(node) || typeof node["name"] !== "string" || isDns1123Label(node["name"]).length) throw badRequest("every node needs a valid name");
    const allocatable = node["allocatable"];
    if (!isObject(allocatable) || !Object.values(allocatable).every((v) => typeof v === "string")) {
      throw badRequest("allocatable must map resource names to quantities");
    }
    return { name: node["name"], allocatable: allocatable as Record<string, string>, unschedulable: node["unschedulable"] === true };
  });
}

export interface ControlResult {
  status: number;
  body: Json;
}

export function handleControl(deps: ControlDeps, method: string, path: string, body: Json | undefined): ControlResult {
  const { store, controller, faults, log, rbac } = deps;
  const parts = path.split("/").filter(Boolean).slice(1);
  const route = parts.join("/");

  if (route === "faults") {
    if (method === "POST") {
      const spec = parseFaultSpec(body);
      if (typeof spec === "string") throw badRequest(spec);
      const fault = faults.add(spec);
      return { status: 201, body: { id: fault.id } };
    }
    if (method === "DELETE") {
      faults.clear();
      return { status: 200, body: {} };
    }
    if (method === "GET") return { status: 200, body: faults.list() as unknown as Json };
    throw methodNotAllowed();
  }
  if (route === "reset" && method === "POST") {
    store.clear();
    controller.resetTermination();
    controller.seedSystemNamespaces();
    seedCluster(store);
    faults.clear();
    rbac.reset();
    return { status: 200, body: {} };
  }
  if (route === "compact" && method === "POST") {
    store.compact();
    return { status: 200, body: { compactedResourceVersion: String(store.resourceVersion) } };
  }
  if (route === "requests") {
    if (method === "GET") return { status: 200, body: log as unknown as Json };
    if (method === "DELETE") {
      log.length = 0;
      return { status: 200, body: {} };
    }
    throw methodNotAllowed();
  }
  // rbac/full or rbac/readonly: replace that token's rules; DELETE rbac restores the defaults.
  if (route === "rbac" && method === "DELETE") {
    rbac.reset();
    return { status: 200, body: {} };
  }
  if (parts.length === 2 && parts[0] === "rbac") {
    if (method !== "PUT") throw methodNotAllowed();
    const user = parts[1] === "full" ? FULL_USER : parts[1] === "readonly" ? READONLY_USER : undefined;
    if (!user) throw pathNotFound();
    rbac.set(user, parseRules(body));
    return { status: 200, body: { user, rules: rbac.rulesOf(user) as unknown as Json } };
  }
  if (route === "nodes") {
    if (method !== "PUT") throw methodNotAllowed();
    setNodes(store, parseNodes(body));
    return { status: 200, body: { nodes: store.list("nodes").length } };
  }
  if (route === "namespace-termination") {
    if (method !== "PUT") throw methodNotAllowed();
    const spec = isObject(body) ? body : {};
    const delayMs = spec["delayMs"];
    const hold = spec["hold"];
    if ((delayMs !== undefined && (typeof delayMs !== "number" || delayMs < 0)) || (hold !== undefined && typeof hold !== "boolean")) {
      throw badRequest("body must be {delayMs?: number >= 0, hold?: boolean}");
    }
    return { status: 200, body: controller.setTermination({ delayMs, hold }) as unknown as Json };
  }
  if (route === "controller" && method === "GET") return { status: 200, body: { errors: [...controller.errors] } };
  if (route === "controller" && method === "PUT") {
    if (!isObject(body) || typeof body["paused"] !== "boolean") throw badRequest("body must be {paused: boolean}");
    return { status: 200, body: controller.setPaused(body["paused"]) };
  }
  if (route === "namespaces" && method === "POST") {
    if (!isObject(body) || typeof body["name"] !== "string") throw badRequest("body must be {name, owner?}");
    const name = body["name"];
    if (isDns1123Label(name).length) throw badRequest(`invalid namespace name ${JSON.stringify(name)}`);
    if (store.get("namespaces", "", name)) throw alreadyExists({ group: "", resource: "namespaces" }, name);
    const owner = typeof body["owner"] === "string" ? body["owner"] : undefined;
    return { status: 201, body: toWire(NAMESPACES, controller.createBareNamespace(name, owner), "v1") };
  }
  // namespaces/{ns}/resourcequotas/{name}/used
  if (parts.length === 5 && parts[0] === "namespaces" && parts[2] === "resourcequotas" && parts[4] === "used") {
    if (method !== "PUT") throw methodNotAllowed();
    if (!isObject(body) || !Object.values(body).every((v) => typeof v === "string" || typeof v === "number")) {
      throw badRequest('body must map resource names to quantities, e.g. {"requests.cpu": "1500m"}');
    }
    const used: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) used[k] = String(v);
    const quota = controller.setQuotaUsed(parts[1] as string, parts[3] as string, used);
    if (!quota) throw notFound({ group: "", resource: "resourcequotas" }, parts[3] as string);
    return { status: 200, body: toWire(RESOURCE_QUOTAS, quota, "v1") };
  }
  throw pathNotFound();
}
