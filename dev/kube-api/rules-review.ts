// POST /apis/authorization.k8s.io/v1/selfsubjectrulesreviews: a create-only virtual resource that
// answers with the caller's own rules (the stand-in's RBAC model), as the API server does.
import type { PolicyRule } from "./auth";
import { isObject, type JsonObject } from "./json";
import { badRequest, methodNotAllowed } from "./status";
import { decodeObjectBody } from "./wire";
import type { ApiResult, RequestContext } from "./wire";
import type { ResourceDef } from "./resources";

/** Enough of a ResourceDef to decode the request body with the server's errors. */
const REVIEW_DEF = {
  resource: "selfsubjectrulesreviews",
  group: "authorization.k8s.io",
  versions: ["v1"],
  storageVersion: "v1",
  kind: "SelfSubjectRulesReview",
} as unknown as ResourceDef;

export function isRulesReview(ctx: RequestContext): boolean {
  const { info } = ctx;
  return info.isResourceRequest && info.apiGroup === "authorization.k8s.io" && info.apiVersion === "v1" && info.resource === "selfsubjectrulesreviews";
}

export function rulesReview(ctx: RequestContext, method: string): ApiResult {
  if (ctx.info.name || ctx.info.namespace) throw methodNotAllowed();
  if (method !== "POST") throw methodNotAllowed();
  const review = decodeObjectBody(REVIEW_DEF, "v1", ctx.body);
  const spec = isObject(review["spec"]) ? review["spec"] : {};
  const namespace = typeof spec["namespace"] === "string" ? spec["namespace"] : "";
  if (!namespace) throw badRequest("no namespace on request");
  const rules = (ctx.rules ?? []) as PolicyRule[];
  const body: JsonObject = {
    kind: "SelfSubjectRulesReview",
    apiVersion: "authorization.k8s.io/v1",
    metadata: { creationTimestamp: null },
    spec: { namespace },
    status: {
      resourceRules: rules
        .filter((r) => !r.nonResourceURLs)
        .map((r) => ({
          verbs: r.verbs,
          apiGroups: r.apiGroups ?? [],
          resources: r.resources ?? [],
          ...(r.resourceNames?.length ? { resourceNames: r.resourceNames } : {}),
        })),
      nonResourceRules: rules.filter((r) => r.nonResourceURLs).map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs ?? [] })),
      incomplete: false,
    },
  };
  return { status: 201, body };
}
