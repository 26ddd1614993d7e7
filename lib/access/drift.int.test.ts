// Access drift from a RoleBinding made directly through the API (as kubectl or KFAM would),
// audited once, adopted or removed; and who had access at a past moment, rebuilt from the trail.
import { KubeConfig, RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ForbiddenError } from "@/lib/model/errors";
import { actor, approvedWorkspace, standIn, testTier } from "@/test/fixtures";
import { reconcileOnce, RECONCILER_ACTOR } from "@/lib/cluster/reconciler";
import { ClusterCache } from "@/lib/kube/cluster-cache";
import { approveAccess } from "./decide";
import { adoptAccess, listAccessDrift, removeUnmanagedAccess } from "./drift-actions";
import { scanAccess } from "./drift";
import { removeContributor } from "./manage";
import { accessReport } from "./report";
import { requestAccess } from "./request";

const BY = { actor: RECONCILER_ACTOR, context: { requestId: "test" } };

function rbac() {
  const config = new KubeConfig();
  config.loadFromFile(process.env.KUBECONFIG ?? "");
  return config.makeApiClient(RbacAuthorizationV1Api);
}

async function kubectlBinding(namespace: string, email: string) {
  const name = `user-${email.replace(/[^a-zA-Z0-9]+/g, "-").toLowerCase()}-clusterrole-view`;
  await rbac().createNamespacedRoleBinding({
    namespace,
    body: {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name, annotations: { user: email, role: "view" } },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "kubeflow-view" },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: email }],
    },
  });
  return name;
}

describe("access drift (THREATS 44)", () => {
  it("finds a binding made outside Berth, audits it once, and adopts it as a grant", async () => {
    const { name } = await approvedWorkspace();
    const email = `eve.${name}@example.com`;
    const objectName = await kubectlBinding(name, email);
    await scanAccess(BY);
    await scanAccess(BY);
    const audits = await db.auditEvent.count({ where: { action: "access.drift_detected", targetName: `${name}/${objectName}` } });
    expect(audits).toBe(1);
    const admin = await actor(`admin.drift.${name}@example.com`, ["requester", "admin"]);
    expect(await listAccessDrift(admin, {})).toContainEqual(expect.objectContaining({ namespace: name, objectName, kind: "unmanaged", subject: email, objects: "binding" }));

    expect(await adoptAccess(admin, { namespace: name, objectName })).toMatchObject({ status: "applied" });
    const binding = await rbac().readNamespacedRoleBinding({ namespace: name, name: objectName });
    expect(binding.metadata?.labels?.["app.kubernetes.io/managed-by"]).toBe("berth");
    expect((await scanAccess(BY)).filter((f) => f.namespace === name)).toEqual([]);
  });

  it("removes unmanaged access from the cluster; the admin it names cannot adopt it", async () => {
    const { name } = await approvedWorkspace();
    const admin = await actor(`admin.rm.${name}@example.com`, ["requester", "admin"]);
    const objectName = await kubectlBinding(name, admin.actor.email);
    await scanAccess(BY);
    await expect(adoptAccess(admin, { namespace: name, objectName })).rejects.toBeInstanceOf(ForbiddenError);
    await removeUnmanagedAccess(admin, { namespace: name, objectName });
    await expect(rbac().readNamespacedRoleBinding({ namespace: name, name: objectName })).rejects.toMatchObject({ code: 404 });
    expect(await db.accessDrift.count({ where: { namespace: name, resolvedAt: null } })).toBe(0);
  });

  it("an active grant whose binding was deleted outside Berth is reported missing", async () => {
    const { id, name, ada } = await approvedWorkspace();
    const bo = await actor(`bo.miss.${name}@example.com`);
    const { id: grantId } = await requestAccess(bo, { workspaceId: id, role: "view", reason: "r" });
    await approveAccess(ada, { grantId });
    const { objectName } = await db.accessGrant.findUniqueOrThrow({ where: { id: grantId } });
    await rbac().deleteNamespacedRoleBinding({ namespace: name, name: objectName });
    expect((await scanAccess(BY)).filter((f) => f.namespace === name)).toEqual([
      expect.objectContaining({ kind: "missing", objects: "binding", grantId }),
    ]);
  });
});

describe("access drift from the watches (THREATS 44, THREATS 116)", () => {
  let cache: ClusterCache | undefined;
  afterEach(async () => {
    await cache?.stop();
    cache = undefined;
  });

  it("a binding made outside Berth wakes its workspace by name, and the event pass finds it with no LIST", async () => {
    cache = new ClusterCache();
    const changes: [string, string][] = [];
    cache.onChange((workspace, kind) => changes.push([workspace, kind]));
    cache.start();
    expect(await cache.waitForSync(10_000)).toBe(true);
    const { name } = await approvedWorkspace();
    const email = `eve.watch.${name}@example.com`;
    const objectName = await kubectlBinding(name, email);
    const deadline = Date.now() + 5_000;
    while (!cache.roleBindings.list().some((b) => b.namespace === name && b.name === objectName) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(changes).toContainEqual([name, "rolebindings"]);

    await standIn.clearRequests();
    const report = await reconcileOnce({ names: [name], accessChanged: true, snapshot: cache.snapshot() });
    expect(report.access.findings).toBeGreaterThan(0);
    expect(await db.accessDrift.findFirst({ where: { namespace: name, objectName, resolvedAt: null } })).toMatchObject({ kind: "unmanaged", subject: email });
    const lists = (await standIn.requests()).filter((r) => r.method === "GET" && /\/(rolebindings|authorizationpolicies)$/.test(r.path));
    expect(lists).toEqual([]);
  });
});

describe("who had access at a past date (THREATS 45)", () => {
  it("rebuilds the contributors from the audit trail; only auditors may look back", async () => {
    const { id, name, ada } = await approvedWorkspace();
    const bo = await actor(`bo.past.${name}@example.com`);
    const { id: grantId } = await requestAccess(bo, { workspaceId: id, role: "view", reason: "r" });
    await approveAccess(ada, { grantId });
    const whileActive = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await removeContributor(ada, { grantId });

    const auditor = await actor(`aud.${name}@example.com`, ["requester", "auditor"]);
    const past = await accessReport(auditor, { asOf: whileActive.toISOString().replace("Z", "") });
    expect(past.rows).toContainEqual(expect.objectContaining({ workspace: name, subject: bo.actor.email, approvedBy: ada.actor.email }));
    const now = await accessReport(auditor, {});
    // The contributor is gone; the owner remains.
    expect(now.rows.filter((r) => r.workspace === name).map((r) => r.role)).toEqual(["owner"]);
    const admin = await actor(`adm.${name}@example.com`, ["requester", "admin"]);
    await expect(accessReport(admin, { asOf: whileActive.toISOString() })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("owners are listed beside contributors (THREATS 45)", () => {
  it("from approval to decommission, now and as it stood, with the approving admin", async () => {
    const { id, name, ada, admin } = await approvedWorkspace(await testTier({ lifetimeDays: 30 }));
    const auditor = await actor(`own.${name}@example.com`, ["requester", "auditor"]);
    const { expiresAt } = await db.workspace.findUniqueOrThrow({ where: { id } });
    const ownerRow = expect.objectContaining({
      workspace: name,
      subjectKind: "User",
      subject: ada.actor.email,
      role: "owner",
      approvedBy: admin.actor.email,
      endsAt: expiresAt?.toISOString(),
    });
    expect((await accessReport(auditor, {})).rows).toContainEqual(ownerRow);
    const whileOwned = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));

    const { decommissionWorkspace } = await import("@/lib/workspaces/lifecycle");
    const { version } = await db.workspace.findUniqueOrThrow({ where: { id } });
    await decommissionWorkspace(admin, { workspaceId: id, version, confirmName: name, reason: "project ended" });
    expect((await accessReport(auditor, {})).rows.filter((r) => r.workspace === name)).toEqual([]);
    expect((await accessReport(auditor, { asOf: whileOwned.toISOString() })).rows).toContainEqual(ownerRow);
    expect((await accessReport(auditor, { asOf: new Date().toISOString() })).rows.filter((r) => r.workspace === name)).toEqual([]);
  });
});

describe("who has access, exported", () => {
  it("writes CSV with formula-looking cells defused and JSONL, and audits the export", async () => {
    const { id, name, ada } = await approvedWorkspace();
    const { addContributor } = await import("./manage");
    const { exportAccessReport } = await import("./report");
    const subject = `=cmd.${name}@example.com`;
    await addContributor(ada, { workspaceId: id, subjectKind: "User", subject, role: "view", reason: "on call" });
    const auditor = await actor(`exp.${name}@example.com`, ["requester", "auditor"]);
    const csv = await exportAccessReport(auditor, { format: "csv" });
    expect(csv.body.split("\r\n")[0]).toBe('"workspace","subjectKind","subject","role","approvedBy","endsAt"');
    expect(csv.body).toContain(`"${name}","User","'${subject}","view","${ada.actor.email}",""`);
    const jsonl = await exportAccessReport(auditor, { format: "jsonl" });
    expect(jsonl.body.split("\n").filter(Boolean).map((line) => JSON.parse(line))).toContainEqual(expect.objectContaining({ workspace: name, subject }));
    expect(await db.auditEvent.count({ where: { action: "audit.access_exported", actorEmail: auditor.actor.email } })).toBe(2);
  });
});
