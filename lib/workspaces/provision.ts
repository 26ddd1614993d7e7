// Writes an approved workspace's Profile to the cluster and records the outcome. The
// cluster call happens outside any transaction; its result is recorded in one afterwards.
import "server-only";
import { appendAuditEvent } from "@/lib/audit/record";
import type { Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import { KubeApiError, toKubeApiError } from "@/lib/kube/errors";
import { buildProfile, LABEL_WORKSPACE_ID } from "@/lib/kube/profile";
import { applyProfile, getProfile } from "@/lib/kube/profiles";
import type { Hard } from "@/lib/quota/keys";
import { WorkspaceStatus } from "./status";

export type ProvisionOutcome =
  | { status: "ACTIVE"; auditId?: string }
  | { status: "FAILED"; message: string; failure: string; auditId?: string };

export async function provisionWorkspace(ctx: Ctx, workspaceId: string): Promise<ProvisionOutcome> {
  const workspace = await db.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: {
      id: true,
      name: true,
      ownerEmail: true,
      hard: true,
      tier: { select: { slug: true } },
      decidedBy: { select: { email: true } },
    },
  });
  const manifest = buildProfile({
    workspaceId: workspace.id,
    name: workspace.name,
    ownerEmail: workspace.ownerEmail,
    tierSlug: workspace.tier.slug,
    hard: workspace.hard as Hard,
    approvedBy: workspace.decidedBy?.email ?? ctx.actor.email,
  });
  const target = { type: "workspace", id: workspace.id, name: workspace.name };

  try {
    // Apply with force would take over a Profile someone else made; refuse that instead.
    const existing = await getProfile(workspace.name);
    if (existing && existing.metadata.labels?.[LABEL_WORKSPACE_ID] !== workspace.id) {
      throw new KubeApiError(
        "already_exists",
        `A Profile named "${workspace.name}" already exists in the cluster and was not created for this request.`,
      );
    }
    const { auditId } = await applyProfile(manifest);
    await db.$transaction(async (tx) => {
      await tx.workspace.updateMany({
        where: { id: workspace.id, status: WorkspaceStatus.PROVISIONING },
        data: { status: WorkspaceStatus.ACTIVE, statusMessage: null, appliedAt: new Date(), version: { increment: 1 } },
      });
      await appendAuditEvent(tx, {
        action: "profile.applied",
        result: "success",
        actor: ctx.actor,
        context: ctx.meta,
        target,
        after: { owner: manifest.spec.owner, hard: manifest.spec.resourceQuotaSpec.hard },
        kubeAuditId: auditId,
      });
    });
    return { status: "ACTIVE", auditId };
  } catch (error) {
    const failure = toKubeApiError(error);
    const message = failureMessage(failure);
    await db.$transaction(async (tx) => {
      await tx.workspace.updateMany({
        where: { id: workspace.id, status: WorkspaceStatus.PROVISIONING },
        data: { status: WorkspaceStatus.FAILED, statusMessage: message, version: { increment: 1 } },
      });
      await appendAuditEvent(tx, {
        action: "profile.apply_failed",
        result: "failure",
        actor: ctx.actor,
        context: ctx.meta,
        target,
        reason: message,
        errorCode: failure.failure,
        kubeAuditId: failure.auditId,
      });
    });
    return { status: "FAILED", message, failure: failure.failure, auditId: failure.auditId };
  }
}

// What admins read on the workspace: the API server's own words where it gave some
// (they name the field at fault), a plain explanation otherwise.
function failureMessage(error: KubeApiError): string {
  switch (error.failure) {
    case "forbidden":
      return "Berth's service account is not allowed to write Profiles (403): check its ClusterRole.";
    case "unauthorized":
      return "The cluster did not accept Berth's credentials (401): check its service account token.";
    case "unreachable":
    case "timeout":
      return `${error.message} The Profile was not written.`;
    default:
      return error.message.slice(0, 500);
  }
}
