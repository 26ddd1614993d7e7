// What a Kubeflow cluster holds besides Profiles, seeded at start and on reset: nodes with
// allocatable resources (one of them with GPUs), and the central dashboard's Deployment reading
// REGISTRATION_FLOW from its ConfigMap, as Kubeflow's manifests install it (flow off).
import type { JsonObject } from "./json";
import type { Actor } from "./managed-fields";
import { canonicalQuantity } from "./quantity";
import { CONFIG_MAPS, DEPLOYMENTS, NODES, type ResourceDef } from "./resources";
import { nameOf, nsOf, type ObjectStore } from "./store";
import { commitWrite } from "./writer";

export interface NodeSpec {
  name: string;
  allocatable: Record<string, string>;
  unschedulable?: boolean;
}

export const DEFAULT_NODES: NodeSpec[] = [
  { name: "cpu-node-1", allocatable: { cpu: "16", memory: "64Gi", pods: "110" } },
  { name: "cpu-node-2", allocatable: { cpu: "16", memory: "64Gi", pods: "110" } },
  { name: "gpu-node-1", allocatable: { cpu: "32", memory: "128Gi", pods: "110", "nvidia.com/gpu": "4" } },
];

const KUBELET: Actor = { manager: "kubelet", operation: "Update", apiVersion: "v1" };
const KUBECTL: Actor = { manager: "kubectl-client-side-apply", operation: "Update", apiVersion: "v1" };

function write(store: ObjectStore, def: ResourceDef, obj: JsonObject, actor: Actor): void {
  const name = nameOf(obj);
  const namespace = nsOf(obj);
  const existing = store.get(def.resource, def.namespaced ? namespace : "", name);
  commitWrite(store, { def, namespace, name, existing, candidate: obj, actor, dryRun: false, now: new Date() });
}

/** Replaces every node with these. */
export function setNodes(store: ObjectStore, nodes: NodeSpec[]): void {
  for (const node of store.list("nodes")) store.delete("nodes", "", nameOf(node));
  for (const node of nodes) {
    const allocatable: JsonObject = {};
    for (const [key, value] of Object.entries(node.allocatable)) allocatable[key] = canonicalQuantity(value) ?? value;
    const obj: JsonObject = {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: node.name, labels: { "kubernetes.io/hostname": node.name, "kubernetes.io/os": "linux" } },
      spec: node.unschedulable ? { unschedulable: true } : {},
    };
    write(store, NODES, obj, KUBELET);
    // status is the kubelet's, written through the status subresource.
    const stored = store.get("nodes", "", node.name) as JsonObject;
    commitWrite(store, {
      def: NODES,
      namespace: "",
      name: node.name,
      existing: stored,
      candidate: { ...stored, status: { capacity: allocatable, allocatable } },
      actor: { ...KUBELET, subresource: "status" },
      dryRun: false,
      now: new Date(),
      subresource: "status",
    });
  }
}

/** The central dashboard as Kubeflow's manifests deploy it, unless it is already there. */
export function seedDashboard(store: ObjectStore): void {
  if (!store.get("configmaps", "kubeflow", "centraldashboard-parameters")) {
    write(
      store,
      CONFIG_MAPS,
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "centraldashboard-parameters", namespace: "kubeflow" }, data: { CD_REGISTRATION_FLOW: "false" } },
      KUBECTL,
    );
  }
  if (!store.get("deployments", "kubeflow", "centraldashboard")) {
    const env: JsonObject[] = [
      { name: "USERID_HEADER", value: "kubeflow-userid" },
      { name: "REGISTRATION_FLOW", valueFrom: { configMapKeyRef: { name: "centraldashboard-parameters", key: "CD_REGISTRATION_FLOW" } } },
    ];
    write(
      store,
      DEPLOYMENTS,
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "centraldashboard", namespace: "kubeflow", labels: { app: "centraldashboard" } },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: "centraldashboard" } },
          template: {
            metadata: { labels: { app: "centraldashboard" } },
            spec: { containers: [{ name: "centraldashboard", image: "ghcr.io/kubeflow/kubeflow/central-dashboard:v1.10.0", env }] },
          },
        },
      },
      KUBECTL,
    );
  }
}

export function seedCluster(store: ObjectStore): void {
  if (store.list("nodes").length === 0) setNodes(store, DEFAULT_NODES);
  seedDashboard(store);
}
