// Imitates Kubeflow's profile-controller (and the garbage collector and quota controller it relies
// on): Profile -> Namespace + kf-resource-quota + the owner's namespaceAdmin RoleBinding and
// ns-owner-access-istio AuthorizationPolicy, synchronously after each Profile write.
import { clone, deepEqual, isObject, metadataOf, rfc3339, stringAt, type Json, type JsonObject } from "./json";
import type { Actor } from "./managed-fields";
import { canonicalQuantity, isNegativeQuantity, isWholeQuantity } from "./quantity";
import { ownerAccessObjects } from "./owner-access";
import { ALL_RESOURCES, AUTHORIZATION_POLICIES, NAMESPACES, PROFILES, RESOURCE_QUOTAS, ROLE_BINDINGS, type ResourceDef } from "./resources";
import type { ObjectStore } from "./store";
import { isDns1123Label, isQualifiedName } from "./validation";
import { commitWrite } from "./writer";

export const QUOTA_NAME = "kf-resource-quota";

/** The labels profile-controller puts on every profile namespace (istio plus its namespace-labels config). */
export const PROFILE_NAMESPACE_LABELS: Readonly<Record<string, string>> = {
  "app.kubernetes.io/part-of": "kubeflow-profile",
  "istio-injection": "enabled",
  "katib.kubeflow.org/metrics-collector-injection": "enabled",
  "pipelines.kubeflow.org/enabled": "true",
  "serving.kubeflow.org/inferenceservice": "enabled",
};

/** Namespaces every cluster (with Kubeflow installed) already has; a Profile cannot take them over. */
const SYSTEM_NAMESPACES = ["default", "kube-node-lease", "kube-public", "kube-system", "kubeflow"];

const PROFILE_CONTROLLER: Actor = { manager: "manager", operation: "Update", apiVersion: "v1" };
const QUOTA_CONTROLLER: Actor = { manager: "kube-controller-manager", operation: "Update", apiVersion: "v1", subresource: "status" };
const PROFILE_STATUS: Actor = { manager: "manager", operation: "Update", apiVersion: "kubeflow.org/v1", subresource: "status" };

const STANDARD_QUOTA_RESOURCES = new Set([
  "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.storage",
  "requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage", "pods",
  "resourcequotas", "services", "replicationcontrollers", "secrets", "persistentvolumeclaims",
  "configmaps", "services.nodeports", "services.loadbalancers",
]);
const INTEGER_RESOURCES = new Set([
  "pods", "resourcequotas", "services", "replicationcontrollers", "secrets", "configmaps",
  "persistentvolumeclaims", "services.nodeports", "services.loadbalancers",
]);

/** What core ResourceQuota validation would refuse; the real controller then retries forever. */
function quotaProblem(hard: JsonObject): string | undefined {
  for (const [key, raw] of Object.entries(hard)) {
    if (isQualifiedName(key).length) return `${key}: invalid resource name`;
    if (!key.includes("/") && !STANDARD_QUOTA_RESOURCES.has(key) && !/^(requests\.)?hugepages-/.test(key)) {
      return `${key}: must be a standard resource for quota`;
    }
    const value = typeof raw === "number" || typeof raw === "string" ? raw : "";
    if (canonicalQuantity(value) === undefined) return `${key}: quantities must match the regular expression`;
    if (isNegativeQuantity(value)) return `${key}: must be greater than or equal to 0`;
    if ((INTEGER_RESOURCES.has(key) || key.startsWith("count/")) && !isWholeQuantity(value)) return `${key}: must be an integer`;
  }
  return undefined;
}

const WRITTEN = {
  namespaces: NAMESPACES,
  profiles: PROFILES,
  resourcequotas: RESOURCE_QUOTAS,
  rolebindings: ROLE_BINDINGS,
  authorizationpolicies: AUTHORIZATION_POLICIES,
} satisfies Record<string, ResourceDef>;
type WrittenResource = keyof typeof WRITTEN;

/** How long the namespace controller takes to empty and purge a deleted namespace, unless held. */
export const DEFAULT_TERMINATION_MS = 300;

export class ProfileController {
  /** Reconcile errors, newest last (the real controller only logs them and retries). */
  readonly errors: string[] = [];
  /** Namespaces Terminating now, with the timer that purges each (none while termination is held). */
  private readonly terminating = new Map<string, ReturnType<typeof setTimeout> | undefined>();
  private termination = { delayMs: DEFAULT_TERMINATION_MS, hold: false };

  constructor(
    private readonly store: ObjectStore,
    private readonly now: () => Date,
  ) {}

  /** Test hook: how long deleted namespaces stay Terminating; `hold` keeps them so until released. */
  setTermination(options: { delayMs?: number; hold?: boolean }): { delayMs: number; hold: boolean; terminating: string[] } {
    this.termination = { delayMs: options.delayMs ?? this.termination.delayMs, hold: options.hold ?? this.termination.hold };
    if (!this.termination.hold) {
      for (const [name, timer] of this.terminating) if (timer === undefined) this.schedulePurge(name);
    }
    return { ...this.termination, terminating: [...this.terminating.keys()] };
  }

  /** Forgets pending purges (the store was wiped) and restores the default timing. */
  resetTermination(): void {
    this.paused = false;
    for (const timer of this.terminating.values()) if (timer) clearTimeout(timer);
    this.terminating.clear();
    this.termination = { delayMs: DEFAULT_TERMINATION_MS, hold: false };
  }

  /**
   * What the namespace lifecycle does on delete: the namespace is marked Terminating (deletionTimestamp,
   * phase Terminating), its contents are removed, and only then is the namespace itself purged.
   */
  terminateNamespace(name: string): JsonObject | undefined {
    const ns = this.store.get("namespaces", "", name);
    if (!ns) return undefined;
    if (metadataOf(ns)["deletionTimestamp"] !== undefined) return ns;
    const next = clone(ns);
    metadataOf(next)["deletionTimestamp"] = rfc3339(this.now());
    next["status"] = { phase: "Terminating" };
    const stored = this.store.put("namespaces", next);
    this.namespaceDeleted(name);
    this.terminating.set(name, undefined);
    if (!this.termination.hold) this.schedulePurge(name);
    return stored;
  }

  private schedulePurge(name: string): void {
    const timer = setTimeout(() => {
      this.terminating.delete(name);
      const ns = this.store.get("namespaces", "", name);
      if (ns && metadataOf(ns)["deletionTimestamp"] !== undefined) this.store.delete("namespaces", "", name);
    }, this.termination.delayMs);
    // A pending purge never keeps a test process or the CLI alive.
    timer.unref?.();
    this.terminating.set(name, timer);
  }

  seedSystemNamespaces(): void {
    for (const name of SYSTEM_NAMESPACES) {
      if (!this.store.get("namespaces", "", name)) this.createNamespace(name, {}, {}, undefined, "kube-apiserver");
    }
  }

  /** A namespace made outside Kubeflow (test helper), optionally with an `owner` annotation. */
  createBareNamespace(name: string, owner?: string): JsonObject {
    return this.createNamespace(name, {}, owner === undefined ? {} : { owner }, undefined, "kubectl-create");
  }

  /** A stopped (crashed, scaled to zero) controller: Profile writes are stored, nothing follows from them. */
  private paused = false;

  /** Test hook: stop the controller, or start it again (it then reconciles every Profile, as on a restart). */
  setPaused(paused: boolean): { paused: boolean } {
    this.paused = paused;
    if (!paused) for (const profile of this.store.list("profiles")) this.reconcile(profile);
    return { paused };
  }

  reconcile(profile: JsonObject): void {
    if (this.paused) return;
    // The real controller logs a failed reconcile and retries; it never fails the Profile write.
    try {
      this.reconcileProfile(profile);
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error));
    }
  }

  private reconcileProfile(profile: JsonObject): void {
    const name = stringAt(profile, ["metadata", "name"]) ?? "";
    const owner = stringAt(profile, ["spec", "owner", "name"]) ?? "";
    if (isDns1123Label(name).length) return this.fail(`namespace ${name}: invalid name for a namespace`);

    const ns = this.store.get("namespaces", "", name);
    if (!ns) {
      this.createNamespace(name, { ...PROFILE_NAMESPACE_LABELS }, { owner }, ownerReference(profile), PROFILE_CONTROLLER.manager);
    } else if (stringAt(ns, ["metadata", "annotations", "owner"]) !== owner) {
      // Never take over a namespace someone else owns; say so on the Profile instead.
      this.setFailed(profile, `namespace already exist, but not owned by profile creator ${owner}`);
      return;
    } else {
      const labels = { ...(isObject(metadataOf(ns)["labels"]) ? (metadataOf(ns)["labels"] as JsonObject) : {}), ...PROFILE_NAMESPACE_LABELS };
      const next = clone(ns);
      metadataOf(next)["labels"] = labels;
      this.write("namespaces", ns, next, PROFILE_CONTROLLER);
    }
    this.reconcileOwnerAccess(profile, name, owner);
    this.reconcileQuota(profile, name);
  }

  /** namespaceAdmin → kubeflow-admin and ns-owner-access-istio for the owner, kept as the controller wants them. */
  private reconcileOwnerAccess(profile: JsonObject, namespace: string, owner: string): void {
    const ref = ownerReference(profile);
    for (const { resource, desired } of ownerAccessObjects(namespace, isObject(profile["spec"]) ? profile["spec"]["owner"] : undefined, owner, ref)) {
      const found = this.store.get(resource, namespace, stringAt(desired, ["metadata", "name"]) ?? "");
      if (!found) {
        this.write(resource, undefined, desired, PROFILE_CONTROLLER);
        continue;
      }
      const next = clone(found);
      for (const key of Object.keys(desired)) if (key !== "metadata") next[key] = clone(desired[key] as Json);
      metadataOf(next)["annotations"] = { ...(isObject(metadataOf(found)["annotations"]) ? (metadataOf(found)["annotations"] as JsonObject) : {}), ...(metadataOf(desired)["annotations"] as JsonObject) };
      if (!deepEqual(next, found)) this.write(resource, found, next, PROFILE_CONTROLLER);
    }
  }

  private reconcileQuota(profile: JsonObject, namespace: string): void {
    const spec = profile["spec"];
    const quotaSpec = isObject(spec) && isObject(spec["resourceQuotaSpec"]) ? spec["resourceQuotaSpec"] : {};
    const hard = isObject(quotaSpec["hard"]) ? quotaSpec["hard"] : {};
    const found = this.store.get("resourcequotas", namespace, QUOTA_NAME);
    if (Object.keys(hard).length === 0) {
      // An empty hard list means "no quota": delete it rather than write an empty one.
      if (found) this.store.delete("resourcequotas", namespace, QUOTA_NAME);
      return;
    }
    const problem = quotaProblem(hard);
    if (problem) return this.fail(`ResourceQuota "${QUOTA_NAME}" is invalid: spec.hard[${problem}]`);
    const desired: JsonObject = { hard: canonicalHard(hard) };
    if (Array.isArray(quotaSpec["scopes"])) desired["scopes"] = clone(quotaSpec["scopes"]);
    if (isObject(quotaSpec["scopeSelector"])) desired["scopeSelector"] = clone(quotaSpec["scopeSelector"]);
    let quota: JsonObject;
    if (!found) {
      quota = {
        apiVersion: "v1",
        kind: "ResourceQuota",
        metadata: { name: QUOTA_NAME, namespace, ownerReferences: [ownerReference(profile)] },
        spec: desired,
      };
      quota = this.write("resourcequotas", undefined, quota, PROFILE_CONTROLLER);
    } else if (!deepEqual(found["spec"], desired)) {
      const next = clone(found);
      next["spec"] = desired;
      quota = this.write("resourcequotas", found, next, PROFILE_CONTROLLER);
    } else {
      return;
    }
    this.refreshQuotaStatus(quota);
  }

  /** The quota controller's answer to a spec change: status.hard mirrors spec, used keeps what it measured. */
  private refreshQuotaStatus(quota: JsonObject, used: Record<string, string> = {}): JsonObject {
    const hard = (isObject(quota["spec"]) && isObject(quota["spec"]["hard"]) ? quota["spec"]["hard"] : {}) as JsonObject;
    const oldUsed = isObject(quota["status"]) && isObject(quota["status"]["used"]) ? quota["status"]["used"] : {};
    const nextUsed: JsonObject = {};
    for (const key of Object.keys(hard)) nextUsed[key] = used[key] ?? (oldUsed[key] as Json | undefined) ?? "0";
    const next = clone(quota);
    next["status"] = { hard: clone(hard), used: nextUsed };
    return this.write("resourcequotas", quota, next, QUOTA_CONTROLLER, "status");
  }

  /** Test hook: pretend workloads use this much of the quota. */
  setQuotaUsed(namespace: string, name: string, used: Record<string, string>): JsonObject | undefined {
    const quota = this.store.get("resourcequotas", namespace, name);
    if (!quota) return undefined;
    const canonical: Record<string, string> = {};
    for (const [k, v] of Object.entries(used)) canonical[k] = canonicalQuantity(v) ?? v;
    return this.refreshQuotaStatus(quota, canonical);
  }

  /** Garbage collection after a Profile is deleted: its namespace and everything in it go too. */
  profileDeleted(profile: JsonObject): void {
    const name = stringAt(profile, ["metadata", "name"]) ?? "";
    const uid = stringAt(profile, ["metadata", "uid"]);
    const ns = this.store.get("namespaces", "", name);
    const refs = ns ? metadataOf(ns)["ownerReferences"] : undefined;
    if (ns && Array.isArray(refs) && refs.some((r) => isObject(r) && r["uid"] === uid)) this.terminateNamespace(name);
  }

  namespaceDeleted(namespace: string): void {
    // The namespace controller empties a namespace of every namespaced kind.
    for (const { resource } of ALL_RESOURCES.filter((def) => def.namespaced)) {
      for (const obj of this.store.list(resource, namespace)) {
        this.store.delete(resource, namespace, stringAt(obj, ["metadata", "name"]) ?? "");
      }
    }
  }

  private setFailed(profile: JsonObject, message: string): void {
    const conditions = [{ type: "Failed", status: "True", message }];
    const current = isObject(profile["status"]) ? profile["status"]["conditions"] : undefined;
    if (deepEqual(current, conditions)) return;
    const next = clone(profile);
    next["status"] = { ...(isObject(profile["status"]) ? profile["status"] : {}), conditions };
    this.write("profiles", profile, next, PROFILE_STATUS, "status");
  }

  private fail(message: string): void {
    this.errors.push(message);
    if (this.errors.length > 100) this.errors.shift();
  }

  private createNamespace(name: string, labels: JsonObject, annotations: JsonObject, ref: JsonObject | undefined, manager: string): JsonObject {
    const meta: JsonObject = { name };
    if (Object.keys(labels).length) meta["labels"] = labels;
    if (Object.keys(annotations).length) meta["annotations"] = annotations;
    if (ref) meta["ownerReferences"] = [ref];
    return this.write("namespaces", undefined, { apiVersion: "v1", kind: "Namespace", metadata: meta }, { ...PROFILE_CONTROLLER, manager });
  }

  private write(resource: WrittenResource, existing: JsonObject | undefined, next: JsonObject, actor: Actor, subresource?: "status"): JsonObject {
    const def = WRITTEN[resource];
    const name = stringAt(next, ["metadata", "name"]) ?? "";
    const namespace = stringAt(next, ["metadata", "namespace"]) ?? "";
    const result = commitWrite(this.store, { def, namespace, name, existing, candidate: next, actor, dryRun: false, now: this.now(), subresource });
    return result.object;
  }
}

function ownerReference(profile: JsonObject): JsonObject {
  return {
    apiVersion: "kubeflow.org/v1",
    kind: "Profile",
    name: stringAt(profile, ["metadata", "name"]) ?? "",
    uid: stringAt(profile, ["metadata", "uid"]) ?? "",
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Typed ResourceQuotas store quantities in canonical form. */
function canonicalHard(hard: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(hard)) {
    out[key] = typeof value === "number" || typeof value === "string" ? (canonicalQuantity(value) ?? String(value)) : String(value);
  }
  return out;
}
