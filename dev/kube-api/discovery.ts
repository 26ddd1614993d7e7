// Discovery and the server's non-resource endpoints, so kubectl pointed at the stand-in's
// kubeconfig can find the served resources (`kubectl get profiles`, `kubectl get quota -A`).
import type { Json, JsonObject } from "./json";
import { ALL_RESOURCES, apiVersionOf, type ResourceDef } from "./resources";

const VERSION_INFO: JsonObject = {
  major: "1",
  minor: "32",
  gitVersion: "v1.32.0",
  gitCommit: "70d3cc986aa8221cd1dfb1121852688902d3bf53",
  gitTreeState: "clean",
  buildDate: "2024-12-11T17:59:15Z",
  goVersion: "go1.23.3",
  compiler: "gc",
  platform: "linux/amd64",
};

const VERBS: Record<string, string[]> = {
  profiles: ["delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"],
  namespaces: ["create", "delete", "get", "list", "patch", "update", "watch"],
  resourcequotas: ["create", "delete", "get", "list", "patch", "update", "watch"],
  limitranges: ["create", "delete", "get", "list", "patch", "update", "watch"],
  networkpolicies: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
  nodes: ["create", "delete", "get", "list", "patch", "update", "watch"],
  configmaps: ["create", "delete", "get", "list", "patch", "update", "watch"],
  deployments: ["create", "delete", "get", "list", "patch", "update", "watch"],
  authorizationpolicies: ["delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"],
};

const API_GROUPS = [...new Set(ALL_RESOURCES.map((d) => d.group).filter(Boolean))];

function resourceList(groupVersion: string, defs: readonly ResourceDef[]): JsonObject {
  const resources: Json[] = [];
  for (const def of defs) {
    const main: JsonObject = {
      name: def.resource,
      singularName: def.kind.toLowerCase(),
      namespaced: def.namespaced,
      kind: def.kind,
      verbs: VERBS[def.resource] ?? ["get", "list"],
    };
    if (def.shortNames.length) main["shortNames"] = [...def.shortNames];
    resources.push(main);
    if (def.statusSubresource) {
      resources.push({ name: `${def.resource}/status`, singularName: "", namespaced: def.namespaced, kind: def.kind, verbs: ["get", "patch", "update"] });
    }
  }
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion, resources };
}

function groupDoc(group: string): JsonObject {
  const defs = ALL_RESOURCES.filter((d) => d.group === group);
  const versions = (defs[0]?.versions ?? []).map((v) => ({ groupVersion: `${group}/${v}`, version: v }));
  return { name: group, versions, preferredVersion: versions[0] ?? {} };
}

/** Body for a non-resource GET, or undefined when the path is not one the server serves. */
export function nonResource(path: string, serverAddress: string): { body: Json; text?: string } | undefined {
  const p = path.replace(/\/+$/, "") || "/";
  if (p === "/healthz" || p === "/livez" || p === "/readyz") return { body: null, text: "ok" };
  if (p === "/version") return { body: VERSION_INFO };
  if (p === "/api") {
    return {
      body: { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }] },
    };
  }
  if (p === "/apis") return { body: { kind: "APIGroupList", apiVersion: "v1", groups: API_GROUPS.map(groupDoc) } };
  for (const group of API_GROUPS) {
    if (p === `/apis/${group}`) return { body: { kind: "APIGroup", apiVersion: "v1", ...groupDoc(group) } };
  }
  if (p === "/api/v1") return { body: resourceList("v1", ALL_RESOURCES.filter((d) => d.group === "")) };
  for (const def of ALL_RESOURCES.filter((d) => d.group)) {
    for (const v of def.versions) {
      if (p === `/apis/${def.group}/${v}`) return { body: resourceList(apiVersionOf(def, v), [def]) };
    }
  }
  return undefined;
}
