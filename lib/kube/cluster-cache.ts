// The cluster as the reconciler follows it: one informer per kind it compares (Profiles,
// namespaces, kf-resource-quotas, berth-egress NetworkPolicies, berth-defaults LimitRanges, and
// the RoleBindings and AuthorizationPolicies that give contributors access). Once all have
// listed, the snapshot is read from memory: a reconcile pass costs no LIST, and a change to any
// of a workspace's objects is announced by the workspace's name within moments.
import "server-only";
import { hardFromCluster } from "@/lib/quota/from-cluster";
import { POLICY_GROUP, POLICY_PLURAL, POLICY_VERSION } from "./authorization-policies";
import { Informer, type InformerHealth, type InformerOptions, type InformerSpec, type RestartReason } from "./informer";
import { LIMIT_RANGE_NAME, type ClusterLimitRange } from "./limit-ranges";
import { toClusterNamespace, type ClusterNamespace, type RawNamespace } from "./namespaces";
import { EGRESS_POLICY_NAME, type ClusterEgressPolicy } from "./network-policies";
import { PROFILE_GROUP, PROFILE_PLURAL, PROFILE_VERSION, type ClusterProfile } from "./profiles";
import { QUOTA_NAME, toQuota, type ClusterQuota, type RawQuota } from "./resource-quotas";
import type { ClusterAccessObject, ClusterSnapshot } from "./snapshot";

type Wire = { metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; uid?: string } };

/** Only what Berth reads: managedFields and status would multiply the memory per workspace. */
const profiles: InformerSpec<ClusterProfile> = {
  kind: "profiles",
  path: `/apis/${PROFILE_GROUP}/${PROFILE_VERSION}/${PROFILE_PLURAL}`,
  fromWire: (raw) => {
    const p = raw as Wire & { spec?: ClusterProfile["spec"] };
    const { name = "", uid, labels, annotations } = p.metadata ?? {};
    // Quantities are int-or-string in the CRD: read as text, as every other read of a Profile does.
    return { metadata: { name, uid, labels, annotations }, spec: { owner: p.spec?.owner, resourceQuotaSpec: { hard: hardFromCluster(p.spec?.resourceQuotaSpec?.hard) } } };
  },
  keyOf: (p) => p.metadata.name,
};

const namespaces: InformerSpec<ClusterNamespace> = {
  kind: "namespaces",
  path: "/api/v1/namespaces",
  fromWire: (raw) => toClusterNamespace(raw as RawNamespace),
  keyOf: (ns) => ns.name,
};

const quotas: InformerSpec<ClusterQuota> = {
  kind: "resourcequotas",
  path: "/api/v1/resourcequotas",
  fieldSelector: `metadata.name=${QUOTA_NAME}`,
  fromWire: (raw) => toQuota(raw as RawQuota),
  keyOf: (q) => q.namespace,
};

const egressPolicies: InformerSpec<ClusterEgressPolicy> = {
  kind: "networkpolicies",
  path: "/apis/networking.k8s.io/v1/networkpolicies",
  fieldSelector: `metadata.name=${EGRESS_POLICY_NAME}`,
  fromWire: (raw) => ({ namespace: (raw as Wire).metadata?.namespace ?? "", spec: (raw as { spec?: unknown }).spec ?? {} }),
  keyOf: (p) => p.namespace,
};

const limitRanges: InformerSpec<ClusterLimitRange> = {
  kind: "limitranges",
  path: "/api/v1/limitranges",
  fieldSelector: `metadata.name=${LIMIT_RANGE_NAME}`,
  fromWire: (raw) => {
    const lr = raw as Wire & { spec?: { limits?: { type?: string; default?: Record<string, string>; defaultRequest?: Record<string, string> }[] } };
    const container = lr.spec?.limits?.find((l) => l.type === "Container");
    return { namespace: lr.metadata?.namespace ?? "", default: container?.default ?? {}, defaultRequest: container?.defaultRequest ?? {} };
  },
  keyOf: (lr) => lr.namespace,
};

/** Access drift reads where an object is, its name and KFAM's annotations (lib/access/drift.ts). */
function accessObject(raw: unknown): ClusterAccessObject {
  const { namespace = "", name = "", annotations } = (raw as Wire).metadata ?? {};
  return { namespace, name, annotations };
}

const accessKey = (o: ClusterAccessObject) => `${o.namespace}/${o.name}`;

const roleBindings: InformerSpec<ClusterAccessObject> = {
  kind: "rolebindings",
  path: "/apis/rbac.authorization.k8s.io/v1/rolebindings",
  fromWire: accessObject,
  keyOf: accessKey,
};

const authorizationPolicies: InformerSpec<ClusterAccessObject> = {
  kind: "authorizationpolicies",
  path: `/apis/${POLICY_GROUP}/${POLICY_VERSION}/${POLICY_PLURAL}`,
  fromWire: accessObject,
  keyOf: accessKey,
};

const INFORMED = [profiles, namespaces, quotas, egressPolicies, limitRanges, roleBindings, authorizationPolicies] as const;

/**
 * The API group and resource of every kind the informers list and watch: what Berth's ClusterRole
 * must allow both on (deploy/base/clusterrole.yaml), or a real cluster refuses the watch.
 */
export function informedResources(): { group: string; resource: string }[] {
  return INFORMED.map(({ path }) => {
    const [root, a, b, c] = path.split("/").filter(Boolean);
    return root === "api" ? { group: "", resource: b ?? "" } : { group: a ?? "", resource: c ?? "" };
  });
}

/** The kinds whose changes are about who has access (the access scan's), not the workspace's own state. */
export const ACCESS_KINDS: readonly string[] = [roleBindings.kind, authorizationPolicies.kind];

export interface WatchesHealth {
  /** Every informer has listed and follows its watch. */
  synced: boolean;
  kinds: InformerHealth[];
}

export class ClusterCache {
  readonly profiles: Informer<ClusterProfile>;
  readonly namespaces: Informer<ClusterNamespace>;
  readonly quotas: Informer<ClusterQuota>;
  readonly egressPolicies: Informer<ClusterEgressPolicy>;
  readonly limitRanges: Informer<ClusterLimitRange>;
  readonly roleBindings: Informer<ClusterAccessObject>;
  readonly authorizationPolicies: Informer<ClusterAccessObject>;
  private readonly restartListeners = new Set<(kind: string, reason: RestartReason) => void>();

  constructor(options: InformerOptions = {}) {
    const withRestarts: InformerOptions = {
      ...options,
      onRestart: (kind, reason) => {
        options.onRestart?.(kind, reason);
        for (const listener of this.restartListeners) listener(kind, reason);
      },
    };
    this.profiles = new Informer(profiles, withRestarts);
    this.namespaces = new Informer(namespaces, withRestarts);
    this.quotas = new Informer(quotas, withRestarts);
    this.egressPolicies = new Informer(egressPolicies, withRestarts);
    this.limitRanges = new Informer(limitRanges, withRestarts);
    this.roleBindings = new Informer(roleBindings, withRestarts);
    this.authorizationPolicies = new Informer(authorizationPolicies, withRestarts);
  }

  private get all() {
    return [this.profiles, this.namespaces, this.quotas, this.egressPolicies, this.limitRanges, this.roleBindings, this.authorizationPolicies] as const;
  }

  start(): void {
    for (const informer of this.all) informer.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.all.map((informer) => informer.stop()));
  }

  get synced(): boolean {
    return this.all.every((informer) => informer.synced);
  }

  /** Resolves once every informer has listed, or false after `timeoutMs`. */
  async waitForSync(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.synced && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return this.synced;
  }

  /**
   * A change to any object of the workspace of that name (the key is a name, a namespace or
   * namespace/name), with the object as it is now (none when deleted).
   */
  onChange(listener: (workspaceName: string, kind: string, item: unknown) => void): () => void {
    const offs = this.all.map((informer) =>
      informer.onChange((key, _event, item: unknown) => listener(key.split("/")[0] ?? key, informer.kind, item)),
    );
    return () => offs.forEach((off) => off());
  }

  /** Every watch restart, by kind and reason: for counters. */
  onRestart(listener: (kind: string, reason: RestartReason) => void): () => void {
    this.restartListeners.add(listener);
    return () => this.restartListeners.delete(listener);
  }

  /** The cluster from memory, or undefined until every kind has listed. */
  snapshot(): ClusterSnapshot | undefined {
    if (!this.synced) return undefined;
    return {
      profiles: this.profiles.list(),
      namespaces: new Map(this.namespaces.list().map((ns) => [ns.name, ns.labels])),
      namespaceDetails: new Map(this.namespaces.list().map((ns) => [ns.name, ns])),
      quotas: new Map(this.quotas.list().map((q) => [q.namespace, q])),
      egressPolicies: new Map(this.egressPolicies.list().map((p) => [p.namespace, p.spec])),
      limitRanges: new Map(this.limitRanges.list().map((lr) => [lr.namespace, lr])),
      access: { roleBindings: this.roleBindings.list(), authorizationPolicies: this.authorizationPolicies.list() },
    };
  }

  health(): WatchesHealth {
    return { synced: this.synced, kinds: this.all.map((informer) => informer.health()) };
  }
}

// The process's running cache (the reconciler's), so readiness can report on it.
let running: ClusterCache | undefined;

export function setRunningClusterCache(cache: ClusterCache | undefined): void {
  running = cache;
}

export function runningClusterCache(): ClusterCache | undefined {
  return running;
}

/** Failures in a row after which a kind's watch counts as failing (not just reconnecting). */
const FAILING_AFTER = 3;

/**
 * For readiness: "ok" while every watch follows the cluster; "ok (standby)" in a process that
 * does not reconcile (it keeps no watches); "ok (syncing)" while the first lists run; otherwise
 * "failing: <kinds>", the passes then listing the cluster instead.
 */
export function watchesReadiness(cache = running): string {
  if (!cache) return "ok (standby)";
  const health = cache.health();
  const failing = health.kinds.filter((k) => k.consecutiveFailures >= FAILING_AFTER).map((k) => k.kind);
  if (failing.length) return `failing: ${failing.join(", ")}`;
  return health.synced ? "ok" : "ok (syncing)";
}
