// Access drift: contributor RoleBindings and AuthorizationPolicies added outside Berth (KFAM's
// "Manage Contributors", kubectl) in a workspace's namespace, and an active grant's objects
// removed outside Berth. Read from the informers (or one paged LIST per kind); each finding is
// recorded (and audited) once when first seen, shown on the Cluster page, and forgotten when it is gone.
import "server-only";
import { appendAuditEvent } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db/client";
import { listAuthorizationPolicies, OWNER_POLICY } from "@/lib/kube/authorization-policies";
import { ANNOTATION_GROUP, ANNOTATION_ROLE, ANNOTATION_USER, listRoleBindings, OWNER_BINDING } from "@/lib/kube/role-bindings";
import type { ClusterAccessObject, ClusterSnapshot } from "@/lib/kube/snapshot";
import { WorkspaceStatus } from "@/lib/model/workspace-status";
import type { Attempter } from "@/lib/reconcile/provision";

export interface AccessFinding {
  namespace: string;
  objectName: string;
  kind: "unmanaged" | "missing";
  subjectKind: string | null;
  subject: string | null;
  role: string | null;
  objects: "binding" | "policy" | "both";
  grantId: string | null;
}

interface Seen {
  namespace: string;
  name: string;
  annotations?: Record<string, string>;
}

/** KFAM lists a contributor by its annotations: a `role` and a `user` (or `group`). */
function contributorLike(object: Pick<Seen, "annotations">): boolean {
  const a = object.annotations ?? {};
  return a[ANNOTATION_ROLE] !== undefined && (a[ANNOTATION_USER] !== undefined || a[ANNOTATION_GROUP] !== undefined);
}

/**
 * Whether a RoleBinding or AuthorizationPolicy the watches saw change can change what the access
 * scan finds: a contributor object added or changed, or any one deleted (a granted one may be
 * gone). Other RBAC churn (controllers' own bindings) wakes no scan.
 */
export function changeConcernsAccess(object: Pick<Seen, "annotations"> | undefined): boolean {
  return object === undefined || contributorLike(object);
}

const keyOf = (namespace: string, name: string) => `${namespace}/${name}`;

/** An object as listed (with its metadata) or as the informers keep it (flat). */
function seen(object: ClusterAccessObject | { metadata: ClusterAccessObject }): Seen {
  const { namespace, name, annotations } = "metadata" in object ? object.metadata : object;
  return { namespace, name, annotations };
}

/** Pure: what the cluster holds against what the active, confirmed grants say it should. */
export function findAccessDrift(
  expected: { id: string; namespace: string; objectName: string }[],
  bindings: Seen[],
  policies: Seen[],
  namespaces: Set<string>,
): AccessFinding[] {
  const wanted = new Map(expected.map((g) => [keyOf(g.namespace, g.objectName), g]));
  const inCluster = new Map<string, { seen: Seen; binding: boolean; policy: boolean }>();
  const note = (object: Seen, kind: "binding" | "policy") => {
    if (!namespaces.has(object.namespace) || object.name === OWNER_BINDING || object.name === OWNER_POLICY || !contributorLike(object)) return;
    const key = keyOf(object.namespace, object.name);
    const entry = inCluster.get(key) ?? { seen: object, binding: false, policy: false };
    entry[kind] = true;
    inCluster.set(key, entry);
  };
  bindings.forEach((b) => note(b, "binding"));
  policies.forEach((p) => note(p, "policy"));

  const findings: AccessFinding[] = [];
  for (const [key, { seen, binding, policy }] of inCluster) {
    // An active grant's own objects (or ones of its name, which Berth's next apply takes over).
    if (wanted.has(key)) continue;
    const a = seen.annotations ?? {};
    const group = a[ANNOTATION_GROUP];
    findings.push({
      namespace: seen.namespace,
      objectName: seen.name,
      kind: "unmanaged",
      subjectKind: group !== undefined && a[ANNOTATION_USER] === undefined ? "Group" : "User",
      subject: a[ANNOTATION_USER] ?? group ?? null,
      role: a[ANNOTATION_ROLE] ?? null,
      objects: binding && policy ? "both" : binding ? "binding" : "policy",
      grantId: null,
    });
  }
  for (const [key, grant] of wanted) {
    const found = inCluster.get(key);
    if (found?.binding && found.policy) continue;
    findings.push({
      namespace: grant.namespace,
      objectName: grant.objectName,
      kind: "missing",
      subjectKind: null,
      subject: null,
      role: null,
      objects: !found ? "both" : found.binding ? "policy" : "binding",
      grantId: grant.id,
    });
  }
  return findings.sort((a, b) => keyOf(a.namespace, a.objectName).localeCompare(keyOf(b.namespace, b.objectName)));
}

/** One scan: two LISTs, then the findings table brought up to date, each new finding audited once. */
/** With `cached` (the informers' RoleBindings and AuthorizationPolicies), the scan makes no API call. */
export async function scanAccess(by: Attempter, cached?: ClusterSnapshot["access"]): Promise<AccessFinding[]> {
  const [bindings, policies, workspaces, grants] = await Promise.all([
    cached?.roleBindings ?? listRoleBindings(),
    cached?.authorizationPolicies ?? listAuthorizationPolicies(),
    db.workspace.findMany({ where: { status: { in: [WorkspaceStatus.ACTIVE, WorkspaceStatus.SUSPENDED, WorkspaceStatus.EXPIRED] } }, select: { name: true } }),
    db.accessGrant.findMany({ where: { state: "ACTIVE", synced: true }, select: { id: true, objectName: true, workspace: { select: { name: true } } } }),
  ]);
  const findings = findAccessDrift(
    grants.map((g) => ({ id: g.id, namespace: g.workspace.name, objectName: g.objectName })),
    bindings.map(seen),
    policies.map(seen),
    new Set(workspaces.map((w) => w.name)),
  );
  const known = await db.accessDrift.findMany({ where: { resolvedAt: null }, select: { namespace: true, objectName: true, kind: true } });
  const knownKeys = new Map(known.map((k) => [keyOf(k.namespace, k.objectName), k.kind]));
  const nowKeys = new Set(findings.map((f) => keyOf(f.namespace, f.objectName)));
  for (const finding of findings) {
    if (knownKeys.get(keyOf(finding.namespace, finding.objectName)) === finding.kind) continue;
    await db.$transaction(async (tx) => {
      const fields = { ...finding, firstSeenAt: new Date(), resolvedAt: null };
      await tx.accessDrift.upsert({ where: { namespace_objectName: { namespace: finding.namespace, objectName: finding.objectName } }, create: fields, update: fields });
      await appendAuditEvent(tx, {
        action: "access.drift_detected",
        result: "success",
        actor: by.actor,
        context: by.context,
        target: { type: "access_object", name: keyOf(finding.namespace, finding.objectName) },
        after: finding,
        reason:
          finding.kind === "unmanaged"
            ? `contributor ${finding.objects === "both" ? "RoleBinding and AuthorizationPolicy" : finding.objects === "binding" ? "RoleBinding" : "AuthorizationPolicy"} made outside Berth`
            : `an active grant's ${finding.objects === "both" ? "RoleBinding and AuthorizationPolicy are" : finding.objects === "binding" ? "RoleBinding is" : "AuthorizationPolicy is"} missing from the cluster`,
      });
    });
  }
  const gone = known.filter((k) => !nowKeys.has(keyOf(k.namespace, k.objectName)));
  for (const k of gone) await closeFinding(db, k);
  return findings;
}

/** Closes an open finding (gone, adopted or removed); the row stays for the next occurrence. */
export async function closeFinding(client: Tx | typeof db, key: { namespace: string; objectName: string }): Promise<number> {
  const { count } = await client.accessDrift.updateMany({ where: { ...key, resolvedAt: null }, data: { resolvedAt: new Date() } });
  return count;
}
