// The resources the stand-in serves and their schemas: Kubeflow's Profile CRD (as in
// kubeflow/dashboard's kubeflow.org_profiles.yaml), the core types Berth reads or writes
// (Namespace, ResourceQuota, LimitRange, Node, ConfigMap), NetworkPolicy, Deployment (the central
// dashboard's) and Istio's AuthorizationPolicy CRD.
import type { Schema, StructSchema } from "./schema";

const str: Schema = { type: "string" };
const strList: Schema = { type: "list", items: str };

/** metav1.ObjectMeta, fields in Go declaration order (the order typed objects are encoded in). */
const objectMeta: StructSchema = {
  type: "struct",
  fields: {
    name: str,
    generateName: str,
    namespace: str,
    selfLink: str,
    uid: str,
    resourceVersion: str,
    generation: { type: "integer" },
    creationTimestamp: str,
    deletionTimestamp: str,
    deletionGracePeriodSeconds: { type: "integer" },
    labels: { type: "map", values: str },
    annotations: { type: "map", values: str },
    ownerReferences: {
      type: "list",
      items: {
        type: "struct",
        fields: {
          apiVersion: str,
          kind: str,
          name: str,
          uid: str,
          controller: { type: "boolean" },
          blockOwnerDeletion: { type: "boolean" },
        },
      },
    },
    finalizers: strList,
    managedFields: {
      type: "list",
      items: {
        type: "struct",
        fields: {
          manager: str,
          operation: str,
          apiVersion: str,
          time: str,
          fieldsType: str,
          fieldsV1: { type: "any" },
          subresource: str,
        },
      },
    },
  },
};

/** resource.Quantity's pattern as the Profile CRD declares it for resourceQuotaSpec.hard values. */
export const QUANTITY_PATTERN =
  "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";

const profileSchema: StructSchema = {
  type: "struct",
  fields: {
    apiVersion: str,
    kind: str,
    metadata: objectMeta,
    spec: {
      type: "struct",
      fields: {
        owner: {
          type: "struct",
          fields: { apiGroup: str, kind: str, name: str, namespace: str },
          required: ["kind", "name"],
        },
        plugins: {
          type: "list",
          items: { type: "struct", fields: { apiVersion: str, kind: str, spec: { type: "any" } } },
        },
        resourceQuotaSpec: {
          type: "struct",
          fields: {
            hard: { type: "map", values: { type: "int-or-string", pattern: QUANTITY_PATTERN } },
            scopeSelector: {
              type: "struct",
              fields: {
                matchExpressions: {
                  type: "list",
                  items: {
                    type: "struct",
                    fields: { operator: str, scopeName: str, values: strList },
                    required: ["operator", "scopeName"],
                  },
                },
              },
            },
            scopes: strList,
          },
        },
      },
    },
    status: {
      type: "struct",
      fields: {
        conditions: {
          type: "list",
          items: { type: "struct", fields: { message: str, status: str, type: str } },
        },
      },
    },
  },
};

const namespaceSchema: StructSchema = {
  type: "struct",
  fields: {
    kind: str,
    apiVersion: str,
    metadata: objectMeta,
    spec: { type: "struct", fields: { finalizers: strList } },
    status: { type: "struct", fields: { phase: str, conditions: { type: "list", items: { type: "any" } } } },
  },
};

const quantityMap: Schema = { type: "map", values: { type: "quantity" } };

const resourceQuotaSchema: StructSchema = {
  type: "struct",
  fields: {
    kind: str,
    apiVersion: str,
    metadata: objectMeta,
    spec: { type: "struct", fields: { hard: quantityMap, scopes: strList, scopeSelector: { type: "any" } } },
    status: { type: "struct", fields: { hard: quantityMap, used: quantityMap } },
  },
};

// Berth writes one LimitRange per namespace (container defaults of the tier).
const limitRangeSchema: StructSchema = {
  type: "struct",
  fields: {
    kind: str,
    apiVersion: str,
    metadata: objectMeta,
    spec: {
      type: "struct",
      fields: {
        limits: {
          type: "list",
          items: {
            type: "struct",
            fields: {
              type: str,
              default: quantityMap,
              defaultRequest: quantityMap,
              max: quantityMap,
              min: quantityMap,
              maxLimitRequestRatio: quantityMap,
            },
          },
        },
      },
    },
  },
};

const anyMap: Schema = { type: "map", values: { type: "any" } };
const any: Schema = { type: "any" };

/** A typed object: kind, apiVersion, metadata, then its own top-level fields. */
const typedObject = (fields: Record<string, Schema>): StructSchema => ({ type: "struct", fields: { kind: str, apiVersion: str, metadata: objectMeta, ...fields } });

// NetworkPolicySpec: its lists are atomic (replaced whole by an apply), as upstream declares them.
const networkPolicySchema = typedObject({
  spec: {
    type: "struct",
    fields: { podSelector: any, ingress: { type: "list", items: any }, egress: { type: "list", items: any }, policyTypes: strList },
  },
});

const nodeSchema = typedObject({
  spec: { type: "struct", fields: { podCIDR: str, podCIDRs: strList, providerID: str, unschedulable: { type: "boolean" }, taints: { type: "list", items: any } } },
  status: { type: "struct", fields: { capacity: quantityMap, allocatable: quantityMap, conditions: { type: "list", items: any }, nodeInfo: any } },
});

const configMapSchema = typedObject({ immutable: { type: "boolean" }, data: { type: "map", values: str }, binaryData: { type: "map", values: str } });

// Only what Berth reads of a Deployment is typed; the rest is kept as sent.
const deploymentSchema = typedObject({ spec: anyMap, status: anyMap });

// A custom resource: its keys are sorted on the wire, so the order here does not matter.
const authorizationPolicySchema = typedObject({ spec: any, status: any });

export type ResourceName =
  | "profiles"
  | "namespaces"
  | "resourcequotas"
  | "limitranges"
  | "networkpolicies"
  | "nodes"
  | "configmaps"
  | "deployments"
  | "authorizationpolicies";

export interface ResourceDef {
  resource: ResourceName;
  group: string;
  versions: readonly string[];
  storageVersion: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  /** Custom resource: unstructured storage, sorted keys, strict optimistic concurrency on PUT. */
  custom: boolean;
  statusSubresource: boolean;
  schema: StructSchema;
  /** Accepted PATCH content types, in the order the 415 message lists them. */
  patchTypes: readonly string[];
  shortNames: readonly string[];
}

export const PATCH = {
  json: "application/json-patch+json",
  merge: "application/merge-patch+json",
  strategic: "application/strategic-merge-patch+json",
  apply: "application/apply-patch+yaml",
} as const;

export const PROFILES: ResourceDef = {
  resource: "profiles",
  group: "kubeflow.org",
  versions: ["v1", "v1beta1"],
  storageVersion: "v1",
  kind: "Profile",
  listKind: "ProfileList",
  namespaced: false,
  custom: true,
  statusSubresource: true,
  schema: profileSchema,
  // Custom resources do not support strategic merge patch.
  patchTypes: [PATCH.json, PATCH.merge, PATCH.apply],
  shortNames: [],
};

export const NAMESPACES: ResourceDef = {
  resource: "namespaces",
  group: "",
  versions: ["v1"],
  storageVersion: "v1",
  kind: "Namespace",
  listKind: "NamespaceList",
  namespaced: false,
  custom: false,
  statusSubresource: true,
  schema: namespaceSchema,
  patchTypes: [PATCH.json, PATCH.merge, PATCH.strategic, PATCH.apply],
  shortNames: ["ns"],
};

export const RESOURCE_QUOTAS: ResourceDef = {
  resource: "resourcequotas",
  group: "",
  versions: ["v1"],
  storageVersion: "v1",
  kind: "ResourceQuota",
  listKind: "ResourceQuotaList",
  namespaced: true,
  custom: false,
  statusSubresource: true,
  schema: resourceQuotaSchema,
  patchTypes: [PATCH.json, PATCH.merge, PATCH.strategic, PATCH.apply],
  shortNames: ["quota"],
};

export const LIMIT_RANGES: ResourceDef = {
  resource: "limitranges",
  group: "",
  versions: ["v1"],
  storageVersion: "v1",
  kind: "LimitRange",
  listKind: "LimitRangeList",
  namespaced: true,
  custom: false,
  statusSubresource: false,
  schema: limitRangeSchema,
  patchTypes: [PATCH.json, PATCH.merge, PATCH.strategic, PATCH.apply],
  shortNames: ["limits"],
};

const typed = (def: Omit<ResourceDef, "custom" | "patchTypes" | "storageVersion" | "versions">): ResourceDef => ({
  ...def,
  versions: ["v1"],
  storageVersion: "v1",
  custom: false,
  patchTypes: [PATCH.json, PATCH.merge, PATCH.strategic, PATCH.apply],
});

export const NETWORK_POLICIES = typed({
  resource: "networkpolicies",
  group: "networking.k8s.io",
  kind: "NetworkPolicy",
  listKind: "NetworkPolicyList",
  namespaced: true,
  statusSubresource: false,
  schema: networkPolicySchema,
  shortNames: ["netpol"],
});

export const NODES = typed({
  resource: "nodes",
  group: "",
  kind: "Node",
  listKind: "NodeList",
  namespaced: false,
  statusSubresource: true,
  schema: nodeSchema,
  shortNames: ["no"],
});

export const CONFIG_MAPS = typed({
  resource: "configmaps",
  group: "",
  kind: "ConfigMap",
  listKind: "ConfigMapList",
  namespaced: true,
  statusSubresource: false,
  schema: configMapSchema,
  shortNames: ["cm"],
});

export const DEPLOYMENTS = typed({
  resource: "deployments",
  group: "apps",
  kind: "Deployment",
  listKind: "DeploymentList",
  namespaced: true,
  statusSubresource: true,
  schema: deploymentSchema,
  shortNames: ["deploy"],
});

export const AUTHORIZATION_POLICIES: ResourceDef = {
  resource: "authorizationpolicies",
  group: "security.istio.io",
  versions: ["v1", "v1beta1"],
  storageVersion: "v1",
  kind: "AuthorizationPolicy",
  listKind: "AuthorizationPolicyList",
  namespaced: true,
  custom: true,
  statusSubresource: true,
  schema: authorizationPolicySchema,
  patchTypes: [PATCH.json, PATCH.merge, PATCH.apply],
  shortNames: ["ap"],
};

export const ALL_RESOURCES: readonly ResourceDef[] = [
  PROFILES,
  NAMESPACES,
  RESOURCE_QUOTAS,
  LIMIT_RANGES,
  NETWORK_POLICIES,
  NODES,
  CONFIG_MAPS,
  DEPLOYMENTS,
  AUTHORIZATION_POLICIES,
];

export function apiVersionOf(def: ResourceDef, version: string): string {
  return def.group ? `${def.group}/${version}` : version;
}

export function groupResource(def: ResourceDef): { group: string; resource: string } {
  return { group: def.group, resource: def.resource };
}
