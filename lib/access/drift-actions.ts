// What an admin does about access drift: adopt an unmanaged contributor (it becomes an active
// grant, decided by the admin, and Berth's apply takes the objects over), restore an active
// grant's missing objects, or remove unmanaged objects from the cluster. Each is audited.
import "server-only";
import { appendAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { deleteAuthorizationPolicy } from "@/lib/kube/authorization-policies";
import { deleteRoleBinding } from "@/lib/kube/role-bindings";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/model/errors";
import { defineOperation, noInput } from "@/lib/operations/define-operation";
import { foldEmail } from "@/lib/workspaces/governance";
import { syncGrantNow, type SyncOutcome } from "./cluster-sync";
import { closeFinding } from "./drift";
import { GRANT_SELECT, grantTarget, newGrantData, snapshotOf } from "./grant";
import { driftObjectInput } from "./schemas";

export const listAccessDrift = defineOperation({
  name: "access.drift",
  title: "listing unmanaged access",
  roles: ["admin"],
  input: noInput,
  audit: [],
  run: () => db.accessDrift.findMany({ where: { resolvedAt: null }, orderBy: [{ namespace: "asc" }, { objectName: "asc" }], take: 500 }),
});

async function finding(input: { namespace: string; objectName: string }) {
  const row = await db.accessDrift.findUnique({ where: { namespace_objectName: input } });
  if (!row || row.resolvedAt) throw new NotFoundError("Unmanaged access");
  return row;
}

export const adoptAccess = defineOperation({
  name: "access.adopt",
  title: "adopting unmanaged access",
  roles: ["admin"],
  input: driftObjectInput,
  audit: ["access.adopted"],
  run: async (ctx, input): Promise<SyncOutcome> => {
    const row = await finding(input);
    if (row.kind === "missing" && row.grantId) {
      // Restore: the grant stands, the cluster is told again.
      const grant = await db.accessGrant.findUniqueOrThrow({ where: { id: row.grantId }, select: GRANT_SELECT });
      await db.$transaction(async (tx) => {
        await tx.accessGrant.updateMany({ where: { id: grant.id, state: "ACTIVE" }, data: { synced: false, attempts: 0, nextAttemptAt: null, version: { increment: 1 } } });
        await closeFinding(tx, input);
        await appendAuditEvent(tx, { action: "access.adopted", result: "success", actor: ctx.actor, context: ctx.meta, target: grantTarget(grant), after: snapshotOf(grant), reason: `restoring the missing ${row.objects}` });
      });
      return syncGrantNow(ctx, grant.id);
    }
    if (row.role !== "edit" && row.role !== "view") throw new ValidationError(`Only view or edit access can be adopted; this one says role "${row.role ?? ""}".`);
    if (!row.subject || (row.subjectKind !== "User" && row.subjectKind !== "Group")) throw new ValidationError("The objects do not say whose access this is.");
    if (row.subjectKind === "User" && foldEmail(row.subject) === foldEmail(ctx.actor.email)) {
      throw new ForbiddenError("You cannot adopt access you hold yourself; another admin has to.");
    }
    const workspace = await db.workspace.findFirst({ where: { name: row.namespace, status: { not: "DECOMMISSIONED" } }, select: { id: true } });
    if (!workspace) throw new NotFoundError();
    const subject = { kind: row.subjectKind, name: row.subject } as const;
    const role: "edit" | "view" = row.role;
    let id: string;
    try {
      id = await db.$transaction(async (tx) => {
        const grant = await tx.accessGrant.create({
          data: {
            ...newGrantData({ workspaceId: workspace.id, subject, role, reason: "adopted from the cluster", endsAt: null, requestedById: ctx.actor.userId }),
            decidedById: ctx.actor.userId,
            decidedAt: new Date(),
            state: "ACTIVE",
          },
          select: GRANT_SELECT,
        });
        await closeFinding(tx, input);
        await appendAuditEvent(tx, {
          action: "access.adopted",
          result: "success",
          actor: ctx.actor,
          context: ctx.meta,
          target: grantTarget(grant),
          after: { ...snapshotOf(grant), approvedBy: ctx.actor.email },
          reason: `adopted ${row.objects} ${row.objectName} made outside Berth`,
        });
        return grant.id;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`${subject.name} already has a grant on this workspace; remove the unmanaged objects instead.`);
      throw error;
    }
    return syncGrantNow(ctx, id);
  },
});

export const removeUnmanagedAccess = defineOperation({
  name: "access.remove_unmanaged",
  title: "removing unmanaged access",
  roles: ["admin"],
  input: driftObjectInput,
  audit: ["access.unmanaged_removed"],
  run: async (ctx, input) => {
    const row = await finding(input);
    if (row.kind !== "unmanaged") throw new ConflictError("This grant is Berth's: remove the contributor from the workspace instead.");
    // Cluster first: the finding (and its audit event) goes only once both objects are gone.
    const { auditId } = await deleteRoleBinding(row.namespace, row.objectName);
    await deleteAuthorizationPolicy(row.namespace, row.objectName);
    await db.$transaction(async (tx) => {
      await closeFinding(tx, input);
      await appendAuditEvent(tx, {
        action: "access.unmanaged_removed",
        result: "success",
        actor: ctx.actor,
        context: ctx.meta,
        target: { type: "access_object", name: `${row.namespace}/${row.objectName}` },
        before: row,
        kubeAuditId: auditId,
      });
    });
  },
});
