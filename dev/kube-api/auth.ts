// Bearer-token authentication (anonymous auth off) and an RBAC stand-in: each token's user holds
// policy rules, evaluated as RBAC does (verbs, API groups, resources, resource names, non-resource
// URLs; `*` matches all), with the server's 403 wording. By default the portal's service account
// is cluster-admin and the read-only one may get/list/watch; tests replace the rules (control API).
import { timingSafeEqual } from "node:crypto";
import { forbidden, unauthorized, type ApiError } from "./status";
import type { RequestInfo } from "./wire";

export const FULL_USER = "system:serviceaccount:berth:berth";
export const READONLY_USER = "system:serviceaccount:berth:berth-readonly";

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Principal {
  name: string;
  readOnly: boolean;
}

export const CLUSTER_ADMIN_RULES: PolicyRule[] = [
  { verbs: ["*"], apiGroups: ["*"], resources: ["*"] },
  { verbs: ["*"], nonResourceURLs: ["*"] },
];
export const READ_ONLY_RULES: PolicyRule[] = [
  { verbs: ["get", "list", "watch"], apiGroups: ["*"], resources: ["*"] },
  { verbs: ["get"], nonResourceURLs: ["*"] },
];

/** What system:basic-user, system:discovery and system:public-info-viewer give every authenticated user. */
export const AUTHENTICATED_RULES: PolicyRule[] = [
  { verbs: ["create"], apiGroups: ["authorization.k8s.io"], resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"] },
  { verbs: ["create"], apiGroups: ["authentication.k8s.io"], resources: ["selfsubjectreviews"] },
  {
    verbs: ["get"],
    nonResourceURLs: ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"],
  },
];

/** Each user's rules: the defaults until a test replaces them. */
export class RbacModel {
  private rules = new Map<string, PolicyRule[]>();

  constructor() {
    this.reset();
  }

  reset(): void {
    this.rules.set(FULL_USER, CLUSTER_ADMIN_RULES);
    this.rules.set(READONLY_USER, READ_ONLY_RULES);
  }

  set(user: string, rules: PolicyRule[]): void {
    this.rules.set(user, rules);
  }

  /** The user's own rules plus what every authenticated user holds, as a rules review lists them. */
  rulesOf(user: string): PolicyRule[] {
    return [...(this.rules.get(user) ?? []), ...AUTHENTICATED_RULES];
  }
}

const matches = (list: string[] | undefined, value: string): boolean => (list ?? []).some((v) => v === "*" || v === value);

function nonResourceMatch(patterns: string[] | undefined, path: string): boolean {
  return (patterns ?? []).some((p) => p === "*" || p === path || (p.endsWith("*") && path.startsWith(p.slice(0, -1))));
}

/** RBAC's RuleAllows for one request. */
export function ruleAllows(rule: PolicyRule, info: RequestInfo): boolean {
  if (!matches(rule.verbs, info.verb)) return false;
  if (!info.isResourceRequest) return nonResourceMatch(rule.nonResourceURLs, info.path);
  const resource = info.subresource ? `${info.resource}/${info.subresource}` : info.resource;
  if (!matches(rule.apiGroups, info.apiGroup) || !matches(rule.resources, resource)) return false;
  const names = rule.resourceNames ?? [];
  return names.length === 0 || (info.name !== "" && names.includes(info.name));
}

export interface Tokens {
  token: string;
  readOnlyToken: string;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The bearer token from an Authorization header, if any. */
export function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m?.[1];
}

export function authenticate(header: string | undefined, tokens: Tokens): Principal | ApiError {
  const token = bearer(header);
  if (token && sameToken(token, tokens.token)) return { name: FULL_USER, readOnly: false };
  if (token && sameToken(token, tokens.readOnlyToken)) return { name: READONLY_USER, readOnly: true };
  return unauthorized();
}

/** Returns the 403 a denied request gets, or undefined when allowed. */
export function authorize(principal: Principal, info: RequestInfo, rbac: RbacModel): ApiError | undefined {
  if (rbac.rulesOf(principal.name).some((rule) => ruleAllows(rule, info))) return undefined;
  const user = JSON.stringify(principal.name);
  if (!info.isResourceRequest) {
    return forbidden({ group: "", resource: "" }, "", `User ${user} cannot ${info.verb} path ${JSON.stringify(info.path)}`);
  }
  const resource = info.subresource ? `${info.resource}/${info.subresource}` : info.resource;
  const scope = info.namespace ? `in the namespace ${JSON.stringify(info.namespace)}` : "at the cluster scope";
  const why = `User ${user} cannot ${info.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(info.apiGroup)} ${scope}`;
  return forbidden({ group: info.apiGroup, resource: info.resource }, info.name, why);
}

/** RequestInfoFactory.NewRequestInfo: how the server names the verb, resource and scope of a URL. */
export function requestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const info: RequestInfo = {
    isResourceRequest: false,
    path,
    verb: method.toLowerCase(),
    apiPrefix: "",
    apiGroup: "",
    apiVersion: "",
    namespace: "",
    resource: "",
    subresource: "",
    name: "",
  };
  let parts = path.split("/").filter((p) => p !== "");
  if (parts.length < 3 || (parts[0] !== "api" && parts[0] !== "apis")) return info;
  info.apiPrefix = parts[0] as string;
  parts = parts.slice(1);
  if (info.apiPrefix === "apis") {
    if (parts.length < 3) return info;
    info.apiGroup = parts[0] as string;
    parts = parts.slice(1);
  }
  info.isResourceRequest = true;
  info.apiVersion = parts[0] as string;
  parts = parts.slice(1);
  const verbs: Record<string, string> = { POST: "create", GET: "get", HEAD: "get", PUT: "update", PATCH: "patch", DELETE: "delete" };
  info.verb = verbs[method] ?? "";
  if (parts[0] === "namespaces" && parts.length > 1) {
    info.namespace = parts[1] as string;
    if (parts.length > 2 && !["status", "finalize"].includes(parts[2] as string)) parts = parts.slice(2);
  }
  if (parts.length >= 3) info.subresource = parts[2] as string;
  if (parts.length >= 2) info.name = parts[1] as string;
  if (parts.length >= 1) info.resource = parts[0] as string;
  if (!info.name && info.verb === "get") info.verb = ["true", "1"].includes(query.get("watch") ?? "") ? "watch" : "list";
  if (!info.name && info.verb === "delete") info.verb = "deletecollection";
  return info;
}
