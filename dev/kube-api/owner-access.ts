// What Kubeflow's profile controller writes for a Profile's owner (profile_controller.go, Kubeflow
// 1.10 / dashboard v2): RoleBinding `namespaceAdmin` → ClusterRole kubeflow-admin with the owner as
// subject, and AuthorizationPolicy `ns-owner-access-istio`, both annotated user=<owner>, role=admin.
import { clone, isObject, type Json, type JsonObject } from "./json";

/** The controller's USERID_HEADER / USERID_PREFIX defaults in the standard manifests. */
export const USERID_HEADER = "kubeflow-userid";
export const USERID_PREFIX = "";
export const NAMESPACE_ADMIN = "namespaceAdmin";
export const OWNER_POLICY = "ns-owner-access-istio";

export function ownerAccessObjects(
  namespace: string,
  ownerSubject: Json | undefined,
  owner: string,
  ref: JsonObject,
): { resource: "rolebindings" | "authorizationpolicies"; desired: JsonObject }[] {
  const annotations = { user: owner, role: "admin" };
  const subject = isObject(ownerSubject) ? clone(ownerSubject) : { kind: "User", name: owner };
  const binding: JsonObject = {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: { name: NAMESPACE_ADMIN, namespace, annotations, ownerReferences: [clone(ref)] },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "kubeflow-admin" },
    subjects: [subject],
  };
  const policy: JsonObject = {
    apiVersion: "security.istio.io/v1",
    kind: "AuthorizationPolicy",
    metadata: { name: OWNER_POLICY, namespace, annotations, ownerReferences: [clone(ref)] },
    spec: {
      rules: [
        { when: [{ key: `request.headers[${USERID_HEADER}]`, values: [`${USERID_PREFIX}${owner}`] }] },
        { when: [{ key: "source.namespace", values: [namespace] }] },
        { to: [{ operation: { paths: ["/healthz", "/metrics", "/wait-for-drain"] } }] },
        {
          from: [{ source: { principals: ["cluster.local/ns/kubeflow/sa/notebook-controller-service-account"] } }],
          to: [{ operation: { methods: ["GET"], paths: ["*/api/kernels"] } }],
        },
      ],
    },
  };
  return [
    { resource: "rolebindings", desired: binding },
    { resource: "authorizationpolicies", desired: policy },
  ];
}
