// The two kinds that make someone a contributor of a Kubeflow namespace: RBAC RoleBindings
// (built in, rbac.authorization.k8s.io/v1) and Istio AuthorizationPolicies (a CRD, security.istio.io,
// v1 stored and v1beta1 served), with the schemas and the RoleBinding validation the server runs.
import { isObject, type Json, type JsonObject } from "./json";
import type { Schema, StructSchema } from "./schema";
import { ruleAllows, type PolicyRule } from "./auth";
import { notFound, type ApiError, type FieldError } from "./status";

const str: Schema = { type: "string" };
const strList: Schema = { type: "list", items: str };

export function roleBindingSchema(objectMeta: StructSchema): StructSchema {
  return {
    type: "struct",
    fields: {
      kind: str,
      apiVersion: str,
      metadata: objectMeta,
      subjects: {
        type: "list",
        items: { type: "struct", fields: { kind: str, apiGroup: str, name: str, namespace: str } },
      },
      roleRef: { type: "struct", fields: { apiGroup: str, kind: str, name: str } },
    },
  };
}

const condition: Schema = { type: "struct", fields: { key: str, values: strList, notValues: strList } };
const source: Schema = {
  type: "struct",
  fields: {
    principals: strList,
    notPrincipals: strList,
    requestPrincipals: strList,
    notRequestPrincipals: strList,
    namespaces: strList,
    notNamespaces: strList,
    ipBlocks: strList,
    notIpBlocks: strList,
    remoteIpBlocks: strList,
    notRemoteIpBlocks: strList,
  },
};
const operation: Schema = {
  type: "struct",
  fields: { hosts: strList, notHosts: strList, ports: strList, notPorts: strList, methods: strList, notMethods: strList, paths: strList, notPaths: strList },
};

/** The AuthorizationPolicy CRD's schema, as far as Kubeflow's policies use it. */
export function authorizationPolicySchema(objectMeta: StructSchema): StructSchema {
  return {
    type: "struct",
    fields: {
      apiVersion: str,
      kind: str,
      metadata: objectMeta,
      spec: {
        type: "struct",
        fields: {
          action: str,
          provider: { type: "struct", fields: { name: str } },
          selector: { type: "struct", fields: { matchLabels: { type: "map", values: str } } },
          targetRef: { type: "any" },
          targetRefs: { type: "list", items: { type: "any" } },
          rules: {
            type: "list",
            items: {
              type: "struct",
              fields: {
                from: { type: "list", items: { type: "struct", fields: { source } } },
                to: { type: "list", items: { type: "struct", fields: { operation } } },
                when: { type: "list", items: condition },
              },
            },
          },
        },
      },
      status: { type: "any" },
    },
  };
}

const RBAC_GROUP = "rbac.authorization.k8s.io";

const goString = (v: Json | undefined): string => JSON.stringify(typeof v === "string" ? v : "");

/** pkg/apis/rbac/validation ValidateRoleBinding (create) and ValidateRoleBindingUpdate (roleRef immutable). */
export function validateRoleBinding(obj: JsonObject, existing: JsonObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const roleRef = isObject(obj["roleRef"]) ? obj["roleRef"] : {};
  if (roleRef["apiGroup"] !== RBAC_GROUP) {
    errs.push({ type: "FieldValueNotSupported", field: "roleRef.apiGroup", value: goString(roleRef["apiGroup"]), detail: `supported values: "${RBAC_GROUP}"` });
  }
  if (roleRef["kind"] !== "Role" && roleRef["kind"] !== "ClusterRole") {
    errs.push({ type: "FieldValueNotSupported", field: "roleRef.kind", value: goString(roleRef["kind"]), detail: 'supported values: "Role", "ClusterRole"' });
  }
  if (typeof roleRef["name"] !== "string" || roleRef["name"] === "") errs.push({ type: "FieldValueRequired", field: "roleRef.name", detail: "" });
  const subjects = Array.isArray(obj["subjects"]) ? obj["subjects"] : [];
  subjects.forEach((raw, i) => {
    const subject = isObject(raw) ? raw : {};
    const at = `subjects[${i}]`;
    if (typeof subject["name"] !== "string" || subject["name"] === "") errs.push({ type: "FieldValueRequired", field: `${at}.name`, detail: "" });
    const kind = subject["kind"];
    if (kind === "User" || kind === "Group") {
      if (subject["apiGroup"] !== RBAC_GROUP) {
        errs.push({ type: "FieldValueNotSupported", field: `${at}.apiGroup`, value: goString(subject["apiGroup"]), detail: `supported values: "${RBAC_GROUP}"` });
      }
    } else if (kind !== "ServiceAccount") {
      errs.push({ type: "FieldValueNotSupported", field: `${at}.kind`, value: goString(kind), detail: 'supported values: "ServiceAccount", "User", "Group"' });
    }
  });
  if (existing && JSON.stringify(existing["roleRef"]) !== JSON.stringify(obj["roleRef"])) {
    const r = roleRef;
    errs.push({
      type: "FieldValueInvalid",
      field: "roleRef",
      value: `rbac.RoleRef{APIGroup:${goString(r["apiGroup"])}, Kind:${goString(r["kind"])}, Name:${goString(r["name"])}}`,
      detail: "cannot change roleRef",
    });
  }
  return errs;
}

/** path.IsValidPathSegmentName: RBAC object names may hold capitals (the controller's `namespaceAdmin`). */
export function isValidPathSegmentName(name: string): string[] {
  if (name === "." || name === "..") return [`may not be '${name}'`];
  for (const bad of ["/", "%"]) if (name.includes(bad)) return [`may not contain '${bad}'`];
  return [];
}

/** SetDefaults_RoleBinding / SetDefaults_Subject: the rbac API group where a User, Group or roleRef leaves it out. */
export function roleBindingDefaults(obj: JsonObject): void {
  const roleRef = obj["roleRef"];
  if (isObject(roleRef) && (roleRef["apiGroup"] === undefined || roleRef["apiGroup"] === "")) roleRef["apiGroup"] = RBAC_GROUP;
  const subjects = Array.isArray(obj["subjects"]) ? obj["subjects"] : [];
  for (const subject of subjects) {
    if (!isObject(subject) || (subject["apiGroup"] !== undefined && subject["apiGroup"] !== "")) continue;
    if (subject["kind"] === "User" || subject["kind"] === "Group") subject["apiGroup"] = RBAC_GROUP;
  }
}

/**
 * RBAC escalation prevention (pkg/registry/rbac/rolebinding/policybased): writing a RoleBinding
 * needs "bind" on its role (in the binding's namespace); without it the server reads the role to
 * check the writer already holds all of its rules. The stand-in serves no Roles or ClusterRoles,
 * so that read answers NotFound, as a server without the role does. Undefined: allowed.
 */
export function bindRefusal(rules: readonly PolicyRule[], binding: JsonObject, namespace: string): ApiError | undefined {
  const roleRef = isObject(binding["roleRef"]) ? binding["roleRef"] : {};
  const kind = roleRef["kind"];
  const name = typeof roleRef["name"] === "string" ? roleRef["name"] : "";
  if (kind !== "ClusterRole" && kind !== "Role") return undefined; // validation refuses it
  const resource = kind === "ClusterRole" ? "clusterroles" : "roles";
  const apiGroup = typeof roleRef["apiGroup"] === "string" ? roleRef["apiGroup"] : "";
  const info = { isResourceRequest: true, path: "", verb: "bind", apiPrefix: "apis", apiGroup, apiVersion: "", namespace, resource, subresource: "", name };
  if (rules.some((rule) => ruleAllows(rule, info))) return undefined;
  return notFound({ group: RBAC_GROUP, resource }, name);
}
