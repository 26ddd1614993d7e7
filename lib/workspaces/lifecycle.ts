// Admin operations on approved workspaces: suspend, resume, decommission, re-apply. Each is one
// conditional change of the desired state (bumping its generation) with its audit event in the
// same transaction, then an immediate attempt to make the cluster match; the reconciler retries.
import "server-only";
import type { z } from "zod";
import { defineOperation } from "@/lib/operations/define-operation";
import { workspaceTarget } from "@/lib/model/audit-event";
import type { AuditAction } from "@/lib/model/audit-event";
import { appendAuditEvent } from "@/lib/audit/record";
import type { Ctx } from "@/lib/model/actor";
import { db, type Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/model/errors";
import { suspendedHard } from "@/lib/quota/compare";
import type { Hard } from "@/lib/quota/keys";
import { decommissionInput, lifecycleInput, reapplyInput } from "./admin-schemas";
import { assertMayDecide, PARTIES_SELECT, partiesOf } from "./approval-steps";
import { provisionWorkspace, type ProvisionOutcome } from "@/lib/reconcile/provision";
import { WorkspaceStatus } from "@/lib/model/workspace-status";

export interface DesiredChange {
  action: AuditAction;
  from: WorkspaceStatus[];
  version?: number;
  data: Prisma.WorkspaceUncheckedUpdateManyInput;
  before: unknown;
  after: unknown;
  reason?: string;
}

export async function loadForAdmin(id: string) {
  const workspace = await db.workspace.findUnique({
    where: { id },
    select: { id: true, name: true, status: true, version: true, hard: true, generation: true, tierId: true, ...PARTIES_SELECT },
  });
  if (!workspace) throw new NotFoundError();
  return workspace;
}

/** Writes a new desired state and its audit event, or throws ConflictError when someone got there first. */
export async function changeDesiredState(ctx: Ctx, workspace: { id: string; name: string }, change: DesiredChange): Promise<ProvisionOutcome> {
  await db.$transaction((tx) => writeDesiredState(tx, ctx, workspace, change));
  return provisionWorkspace(ctx, workspace.id);
}

/** The write of changeDesiredState inside the caller's transaction; the caller provisions after commit. */
export async function writeDesiredState(tx: Tx, ctx: Ctx, workspace: { id: string; name: string }, change: DesiredChange): Promise<void> {
  const { count } = await tx.workspace.updateMany({
    where: { id: workspace.id, status: { in: change.from }, ...(change.version === undefined ? {} : { version: change.version }) },
    data: {
      ...change.data,
      generation: { increment: 1 },
      version: { increment: 1 },
      attempts: 0,
      nextAttemptAt: null,
      blocked: false,
      lastError: null,
    },
  });
  if (count !== 1) throw new ConflictError("The workspace changed since you loaded the page. Reload and try again.");
  await appendAuditEvent(tx, {
    action: change.action,
    result: "success",
    actor: ctx.actor,
    context: ctx.meta,
    target: { type: "workspace", id: workspace.id, name: workspace.name },
    before: change.before,
    after: change.after,
    reason: change.reason,
  });
}

// Suspend and resume are one move each way between ACTIVE and SUSPENDED; the quota to restore is
// the workspace's own `hard`, which suspension never changes.
const SUSPENSION = {
  suspend: { from: WorkspaceStatus.ACTIVE, to: WorkspaceStatus.SUSPENDED, action: "workspace.suspended", refusal: "Only an active workspace can be suspended." },
  resume: { from: WorkspaceStatus.SUSPENDED, to: WorkspaceStatus.ACTIVE, action: "workspace.resumed", refusal: "Only a suspended workspace can be resumed." },
} as const;

async function moveSuspension(ctx: Ctx, input: z.infer<typeof lifecycleInput>, move: keyof typeof SUSPENSION): Promise<ProvisionOutcome> {
  const spec = SUSPENSION[move];
  const workspace = await loadForAdmin(input.workspaceId);
  if (workspace.status !== spec.from) throw new ConflictError(spec.refusal);
  // Suspending takes power away (anyone admin may); resuming gives it back, so never by the owner.
  if (move === "resume") await assertMayDecide(ctx, partiesOf(workspace), { kind: "resume" }, { type: "workspace", id: workspace.id, name: workspace.name });
  return changeDesiredState(ctx, workspace, {
    action: spec.action,
    from: [spec.from],
    version: input.version,
    data: { status: spec.to },
    before: { status: spec.from, hard: workspace.hard },
    after: { status: spec.to, hard: spec.to === WorkspaceStatus.SUSPENDED ? suspendedHard(workspace.hard as Hard) : workspace.hard },
    reason: input.reason,
  });
}

export const suspendWorkspace = defineOperation({
  name: "workspace.suspend",
  title: "suspending a workspace",
  roles: ["admin"],
  input: lifecycleInput,
  audit: [SUSPENSION.suspend.action],
  target: workspaceTarget,
  run: (ctx, input) => moveSuspension(ctx, input, "suspend"),
});

export const resumeWorkspace = defineOperation({
  name: "workspace.resume",
  title: "resuming a workspace",
  roles: ["admin"],
  input: lifecycleInput,
  audit: [SUSPENSION.resume.action],
  target: workspaceTarget,
  run: (ctx, input) => moveSuspension(ctx, input, "resume"),
});

export const decommissionWorkspace = defineOperation({
  name: "workspace.decommission",
  title: "decommissioning a workspace",
  roles: ["admin"],
  input: decommissionInput,
  audit: ["workspace.decommissioned"],
  target: workspaceTarget,
  run: runDecommissionWorkspace,
});

async function runDecommissionWorkspace(ctx: Ctx, input: z.infer<typeof decommissionInput>): Promise<ProvisionOutcome> {
  const workspace = await loadForAdmin(input.workspaceId);
  if (input.confirmName !== workspace.name) {
    throw new ValidationError("Please correct the highlighted fields.", {
      confirmName: [`Type the workspace name "${workspace.name}" exactly to confirm.`],
    });
  }
  const from: WorkspaceStatus[] = [WorkspaceStatus.ACTIVE, WorkspaceStatus.SUSPENDED, WorkspaceStatus.FAILED, WorkspaceStatus.PROVISIONING];
  if (!from.includes(workspace.status)) throw new ConflictError("This workspace cannot be decommissioned.");
  return changeDesiredState(ctx, workspace, {
    action: "workspace.decommissioned",
    from,
    version: input.version,
    data: { status: WorkspaceStatus.DECOMMISSIONED },
    before: { status: workspace.status, owner: workspace.ownerEmail, hard: workspace.hard },
    after: { status: WorkspaceStatus.DECOMMISSIONED },
    reason: input.reason,
  });
}

/**
 * Sends the desired state again: after a configuration error was fixed (a FAILED workspace goes
 * back to provisioning), or to correct drift. The new generation changes the Profile, so the
 * profile controller re-syncs kf-resource-quota, which it does not watch.
 */
export const reapplyWorkspace = defineOperation({
  name: "workspace.reapply",
  title: "re-applying a workspace",
  roles: ["admin"],
  input: reapplyInput,
  audit: ["workspace.reapply_requested"],
  target: workspaceTarget,
  run: runReapplyWorkspace,
});

async function runReapplyWorkspace(ctx: Ctx, input: z.infer<typeof reapplyInput>): Promise<ProvisionOutcome> {
  const workspace = await loadForAdmin(input.workspaceId);
  const from: WorkspaceStatus[] = [WorkspaceStatus.ACTIVE, WorkspaceStatus.SUSPENDED, WorkspaceStatus.FAILED, WorkspaceStatus.PROVISIONING, WorkspaceStatus.DECOMMISSIONED];
  if (!from.includes(workspace.status)) throw new ConflictError("This workspace has nothing to apply.");
  const status = workspace.status === WorkspaceStatus.FAILED ? WorkspaceStatus.PROVISIONING : workspace.status;
  return changeDesiredState(ctx, workspace, {
    action: "workspace.reapply_requested",
    from: [workspace.status],
    data: { status, statusMessage: null },
    before: { status: workspace.status, generation: workspace.generation },
    after: { status, generation: workspace.generation + 1 },
  });
}
