// Contributors end to end through the real client and the API stand-in: a request approved by the
// owner writes KFAM's RoleBinding and AuthorizationPolicy, removal takes them away, expiry ends a
// grant on time, a group grant binds a Group, and the governance policy keeps decisions apart.
import { KubeConfig, RbacAuthorizationV1Api, CustomObjectsApi } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/model/errors";
import { runWorkflowJobs } from "@/lib/jobs/workflow-jobs";
import { actor, approvedWorkspace, standIn, testTier } from "@/test/fixtures";
import { approveAccess, rejectAccess } from "./decide";
import { addContributor, removeContributor } from "./manage";
import { listDirectory } from "./queries";
import { accessReport } from "./report";
import { requestAccess } from "./request";

function clients() {
  const config = new KubeConfig();
  config.loadFromFile(process.env.KUBECONFIG ?? "");
  return { rbac: config.makeApiClient(RbacAuthorizationV1Api), custom: config.makeApiClient(CustomObjectsApi) };
}
const AP = { group: "security.istio.io", version: "v1", plural: "authorizationpolicies" } as const;

async function objects(namespace: string, name: string) {
  const { rbac, custom } = clients();
  const binding = await rbac.readNamespacedRoleBinding({ name, namespace }).catch((e: { code?: number }) => (e.code === 404 ? null : Promise.reject(e)));
  const policy = await custom.getNamespacedCustomObject({ ...AP, namespace, name }).catch((e: { code?: number }) => (e.code === 404 ? null : Promise.reject(e)));
  return { binding, policy: policy as { spec: { rules: { when: { key: string; values: string[] }[] }[] } } | null };
}

describe("access to an existing workspace (THREATS 43)", () => {
  it("request → owner approves → KFAM's objects → removed → gone, all audited", async () => {
    const { id, name, ada } = await approvedWorkspace();
    const bo = await actor(`Bo.${name}@Example.com`);
    expect((await listDirectory(bo, {})).map((w) => w.name)).toContain(name);

    const { id: grantId } = await requestAccess(bo, { workspaceId: id, role: "edit", reason: "pairing on the model" });
    const outcome = await approveAccess(ada, { grantId });
    expect(outcome).toMatchObject({ state: "ACTIVE", cluster: { status: "applied" } });

    const objectName = `user-bo-${name.replace(/[^a-z0-9]+/g, "-")}-example-com-clusterrole-edit`;
    const { binding, policy } = await objects(name, objectName);
    expect(binding?.roleRef).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "kubeflow-edit" });
    // Written as the person signs in: the identity header carries the email with its capitals.
    expect(binding?.subjects).toEqual([{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: bo.actor.email }]);
    expect(binding?.metadata?.annotations).toEqual({ user: bo.actor.email, role: "edit" });
    expect(policy?.spec.rules[0]?.when).toEqual([{ key: "request.headers[kubeflow-userid]", values: [bo.actor.email] }]);

    const admin = await actor(`auditor.${name}@example.com`, ["requester", "admin"]);
    expect((await accessReport(admin, {})).rows).toContainEqual(
      expect.objectContaining({ workspace: name, subject: bo.actor.email, role: "edit", approvedBy: ada.actor.email }),
    );

    expect(await removeContributor(ada, { grantId })).toMatchObject({ status: "removed" });
    expect(await objects(name, objectName)).toEqual({ binding: null, policy: null });
    const actions = (await db.auditEvent.findMany({ where: { targetId: grantId }, orderBy: { seq: "asc" }, select: { action: true } })).map((e) => e.action);
    expect(actions).toEqual(["access.requested", "access.granted", "access.applied", "access.revoked", "access.removed"]);
  });

  it("a requester cannot approve access to a workspace they do not own, nor their own request", async () => {
    const { id, ada } = await approvedWorkspace();
    const bo = await actor(`bo.${Date.now()}@example.com`);
    const cy = await actor(`cy.${Date.now()}@example.com`);
    const { id: grantId } = await requestAccess(bo, { workspaceId: id, role: "view", reason: "read the notebooks" });
    await expect(approveAccess(bo, { grantId })).rejects.toBeInstanceOf(NotFoundError);
    await expect(approveAccess(cy, { grantId })).rejects.toBeInstanceOf(NotFoundError);
    // An admin who asked for the access cannot grant it to themselves either (separation of duties).
    const admin = await actor(`root.${Date.now()}@example.com`, ["requester", "admin"]);
    const { id: own } = await requestAccess(admin, { workspaceId: id, role: "view", reason: "mine" });
    await expect(approveAccess(admin, { grantId: own })).rejects.toBeInstanceOf(ForbiddenError);
    await rejectAccess(ada, { grantId: own, note: "not needed" });
    expect((await db.accessGrant.findUniqueOrThrow({ where: { id: grantId } })).state).toBe("PENDING");
  });

  it("the owner cannot grant admin: the role is refused before anything is written", async () => {
    const { id, name, ada } = await approvedWorkspace();
    const before = await db.accessGrant.count();
    await expect(addContributor(ada, { workspaceId: id, subjectKind: "User", subject: `x.${name}@example.com`, role: "admin", reason: "r" })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await db.accessGrant.count()).toBe(before);
  });

  it("a group grant binds a Group subject and matches the groups header", async () => {
    const { id, name, ada } = await approvedWorkspace();
    const outcome = await addContributor(ada, { workspaceId: id, subjectKind: "Group", subject: "ml-team", role: "view", reason: "the whole team reads" });
    expect(outcome).toMatchObject({ state: "ACTIVE", cluster: { status: "applied" } });
    const { binding, policy } = await objects(name, "group-ml-team-clusterrole-view");
    expect(binding?.subjects).toEqual([{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "ml-team" }]);
    expect(binding?.metadata?.annotations).toEqual({ group: "ml-team", role: "view" });
    expect(policy?.spec.rules[0]?.when).toEqual([{ key: "request.headers[kubeflow-groups]", values: ["ml-team"] }]);
  });

  it("an admin cannot add, or approve, a group they are in: they would be giving themselves access", async () => {
    const { id, name } = await approvedWorkspace();
    const member = await actor(`member.${name}@example.com`, ["requester", "admin"], ["kubeflow-admins", `team-${name}`]);
    const before = await db.accessGrant.count({ where: { workspaceId: id } });
    await expect(addContributor(member, { workspaceId: id, subjectKind: "Group", subject: `team-${name}`, role: "edit", reason: "r" })).rejects.toThrow(
      `You are in the group team-${name}`,
    );
    expect(await db.accessGrant.count({ where: { workspaceId: id } })).toBe(before);
  });

  it("an admin in a group cannot be the second decider on that group's access", async () => {
    const tier = await testTier();
    await db.quotaTier.update({ where: { slug: tier }, data: { accessAdminApproval: true } });
    const { id, name, ada } = await approvedWorkspace(tier);
    const group = `team-${name}`;
    const { id: grantId } = await addContributor(ada, { workspaceId: id, subjectKind: "Group", subject: group, role: "view", reason: "r" });
    const member = await actor(`member2.${name}@example.com`, ["requester", "admin"], ["kubeflow-admins", group]);
    await expect(approveAccess(member, { grantId })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await db.accessGrant.findUniqueOrThrow({ where: { id: grantId } })).state).toBe("AWAITING_ADMIN");
    const outsider = await actor(`outsider.${name}@example.com`, ["requester", "admin"], ["kubeflow-admins"]);
    expect(await approveAccess(outsider, { grantId })).toMatchObject({ state: "ACTIVE" });
  });

  it("expires on its end date in the periodic jobs: objects removed, audited, both notified", async () => {
    const tier = await testTier();
    await db.quotaTier.update({ where: { slug: tier }, data: { accessMaxDays: 10 } });
    const { id, name, ada } = await approvedWorkspace(tier);
    const bo = await actor(`bo.exp.${name}@example.com`);
    const now = new Date();
    await expect(requestAccess(bo, { workspaceId: id, role: "view", reason: "r" }, { now })).rejects.toMatchObject({ fieldErrors: { endsAt: [expect.any(String)] } });
    const far = new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
    await expect(requestAccess(bo, { workspaceId: id, role: "view", reason: "r", endsAt: far }, { now })).rejects.toBeInstanceOf(ValidationError);
    const soon = new Date(now.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
    const { id: grantId } = await requestAccess(bo, { workspaceId: id, role: "view", reason: "r", endsAt: soon }, { now });
    await approveAccess(ada, { grantId });
    const objectName = (await db.accessGrant.findUniqueOrThrow({ where: { id: grantId } })).objectName;
    expect((await objects(name, objectName)).binding).not.toBeNull();

    const report = await runWorkflowJobs(new Date(now.getTime() + 3 * 86_400_000));
    expect(report.expiredGrants).toContain(grantId);
    expect(await objects(name, objectName)).toEqual({ binding: null, policy: null });
    const note = await db.notification.findFirst({ where: { event: "access.expired", payload: { path: ["berth", "workspace", "name"], equals: name } } });
    expect(note?.payload).toMatchObject({ text: expect.stringContaining(bo.actor.email) });
    expect((await runWorkflowJobs(new Date(now.getTime() + 3 * 86_400_000))).expiredGrants).not.toContain(grantId);
  });

  it("ends with its workspace: decommissioning revokes the grants and withdraws the open requests, audited (THREATS 43)", async () => {
    const { id, name, ada, admin } = await approvedWorkspace();
    const bo = await actor(`bo.gone.${name}@example.com`);
    const cy = await actor(`cy.gone.${name}@example.com`);
    const { id: granted } = await requestAccess(bo, { workspaceId: id, role: "edit", reason: "r" });
    await approveAccess(ada, { grantId: granted });
    const { id: waiting } = await requestAccess(cy, { workspaceId: id, role: "view", reason: "r" });
    const { decommissionWorkspace } = await import("@/lib/workspaces/lifecycle");
    const { version } = await db.workspace.findUniqueOrThrow({ where: { id } });
    await decommissionWorkspace(admin, { workspaceId: id, version, confirmName: name, reason: "project ended" });

    const report = await runWorkflowJobs();
    expect(report.endedWithWorkspace).toEqual(expect.arrayContaining([granted, waiting]));
    const states = await db.accessGrant.findMany({ where: { workspaceId: id }, select: { id: true, state: true, synced: true } });
    expect(states).toEqual(expect.arrayContaining([{ id: granted, state: "REVOKED", synced: true }, { id: waiting, state: "CANCELLED", synced: false }]));
    const events = await db.auditEvent.findMany({ where: { targetId: { in: [granted, waiting] }, action: { in: ["access.revoked", "access.cancelled"] } }, select: { action: true, reason: true } });
    expect(events).toEqual(expect.arrayContaining([
      { action: "access.revoked", reason: `workspace ${name} was decommissioned` },
      { action: "access.cancelled", reason: `workspace ${name} was decommissioned` },
    ]));
    expect((await runWorkflowJobs()).endedWithWorkspace).toEqual([]);
  });

  it("a tier that wants an admin too: the owner's approval waits, an admin completes it", async () => {
    const tier = await testTier();
    await db.quotaTier.update({ where: { slug: tier }, data: { accessAdminApproval: true } });
    const { id, name, ada } = await approvedWorkspace(tier);
    const bo = await actor(`bo.two.${name}@example.com`);
    const { id: grantId } = await requestAccess(bo, { workspaceId: id, role: "edit", reason: "r" });
    expect(await approveAccess(ada, { grantId })).toEqual({ state: "AWAITING_ADMIN" });
    await expect(approveAccess(ada, { grantId })).rejects.toThrow(/already approved/);
    const admin = await actor(`admin.two.${name}@example.com`, ["requester", "admin"]);
    expect(await approveAccess(admin, { grantId })).toMatchObject({ state: "ACTIVE" });
  });

  it("a cluster failure leaves the grant active and unsynced, and the next attempt confirms it", async () => {
    const { id, name, ada } = await approvedWorkspace();
    const bo = await actor(`bo.fail.${name}@example.com`);
    const { id: grantId } = await requestAccess(bo, { workspaceId: id, role: "view", reason: "r" });
    await standIn.injectFault({ method: "PATCH", pathPrefix: `/apis/rbac.authorization.k8s.io/v1/namespaces/${name}/rolebindings`, count: 1, status: 503 });
    expect(await approveAccess(ada, { grantId })).toMatchObject({ state: "ACTIVE", cluster: { status: "retrying" } });
    const row = await db.accessGrant.findUniqueOrThrow({ where: { id: grantId } });
    expect({ state: row.state, synced: row.synced, attempts: row.attempts }).toEqual({ state: "ACTIVE", synced: false, attempts: 1 });
    const { syncGrant } = await import("./cluster-sync");
    expect(await syncGrant({ actor: null, context: {} }, grantId, new Date(Date.now() + 3_600_000))).toMatchObject({ status: "applied" });
  });
});
