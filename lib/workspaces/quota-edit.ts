// Admin quota edits and owner transfers on approved workspaces: new desired state, audited with
// before/after and reason. A quota below current usage is accepted, with a warning naming it;
// an increase becomes a proposal that other admins decide (lib/workspaces/quota-change.ts).
import "server-only";
import type { z } from "zod";
import { defineOperation } from "@/lib/operations/define-operation";
import { workspaceTarget } from "@/lib/model/audit-event";
import type { Ctx } from "@/lib/model/actor";
import { db } from "@/lib/db/client";
import { ConflictError, ValidationError } from "@/lib/model/errors";
import { getQuota } from "@/lib/kube/resource-quotas";
import { belowUsage, type UsageWarning } from "@/lib/quota/compare";
import { labelOf, QUOTA_PREFIX, quotaFromForm } from "@/lib/quota/fields";
import { quotaEditInput, transferInput } from "./admin-schemas";
import { assertMayDecide, partiesOf } from "./approval-steps";
import { changeDesiredState, loadForAdmin } from "./lifecycle";
import { CHANGEABLE, proposeIfMore, type Proposal } from "./quota-change";
import type { ProvisionOutcome } from "@/lib/reconcile/provision";

/** A decrease applied at once (with what is in use), or an increase waiting for other admins. */
export type QuotaEditResult = { outcome: ProvisionOutcome; warnings: UsageWarning[]; usageUnknown: boolean } | { proposal: Proposal };

export const editWorkspaceQuota = defineOperation({
  name: "workspace.edit-quota",
  title: "editing a workspace quota",
  roles: ["admin"],
  input: quotaEditInput,
  audit: ["workspace.quota_changed", "workspace.change_requested"],
  target: workspaceTarget,
  run: runEditWorkspaceQuota,
});

async function runEditWorkspaceQuota(ctx: Ctx, input: z.infer<typeof quotaEditInput>): Promise<QuotaEditResult> {
  const hard = quotaFromForm(input);
  const workspace = await loadForAdmin(input.workspaceId);
  if (!CHANGEABLE.includes(workspace.status)) throw new ConflictError("Only an approved workspace's quota can be edited here.");
  assertRemovalConfirmed(workspace.hard as Record<string, string>, hard, input.confirmRemove === "on");
  // More power is never one admin's say, not even on someone else's workspace: it waits for another.
  const proposal = await proposeIfMore(ctx, workspace, hard, input.reason);
  if (proposal) return { proposal };

  // Usage is read before the change so the warning and the audit event say what was in use.
  let used: Record<string, string> = {};
  let usageUnknown = false;
  try {
    used = (await getQuota(workspace.name))?.used ?? {};
  } catch {
    usageUnknown = true;
  }
  const warnings = belowUsage(hard, used);
  const outcome = await changeDesiredState(ctx, workspace, {
    action: "workspace.quota_changed",
    from: CHANGEABLE,
    version: input.version,
    data: { hard },
    before: { hard: workspace.hard },
    after: { hard, belowUsage: warnings, usageUnknown },
    reason: input.reason,
  });
  return { outcome, warnings, usageUnknown };
}

/** The new owner must be someone who signed in with a verified email: the Profile owner is an identity, not a string. */
/** Removing a limit (no limit: unlimited use) needs its own tick; an empty field alone is refused. */
export function assertRemovalConfirmed(before: Record<string, string>, after: Record<string, string>, confirmed: boolean): void {
  const removed = Object.keys(before).filter((key) => after[key] === undefined);
  if (removed.length === 0 || confirmed) return;
  const errors = Object.fromEntries(
    removed.map((key) => [`${QUOTA_PREFIX}${key}`, [`${labelOf(key)}: empty removes this limit. Enter a value, or tick "Remove the limits I left empty".`]]),
  );
  throw new ValidationError(`This would remove ${removed.map(labelOf).join(", ")}: confirm the removal or fill in a value.`, errors);
}

export const transferWorkspaceOwner = defineOperation({
  name: "workspace.transfer",
  title: "transferring a workspace",
  roles: ["admin"],
  input: transferInput,
  audit: ["workspace.owner_transferred"],
  target: workspaceTarget,
  run: runTransferWorkspaceOwner,
});

async function runTransferWorkspaceOwner(ctx: Ctx, input: z.infer<typeof transferInput>): Promise<ProvisionOutcome> {
  const workspace = await loadForAdmin(input.workspaceId);
  if (!CHANGEABLE.includes(workspace.status)) throw new ConflictError("Only an approved workspace can be transferred.");
  await assertMayDecide(ctx, partiesOf(workspace), { kind: "transfer", toEmail: input.newOwnerEmail }, { type: "workspace", id: workspace.id, name: workspace.name });
  const users = await db.user.findMany({
    where: { email: input.newOwnerEmail, emailVerified: true },
    select: { id: true, email: true },
    take: 2,
  });
  const [user] = users;
  if (!user || users.length > 1) {
    throw new ValidationError("Please correct the highlighted fields.", {
      newOwnerEmail: ["No one has signed in to Berth with this verified email yet (it is compared exactly, case included)."],
    });
  }
  if (user.email === workspace.ownerEmail) throw new ValidationError("Please correct the highlighted fields.", { newOwnerEmail: ["This is already the owner."] });
  return changeDesiredState(ctx, workspace, {
    action: "workspace.owner_transferred",
    from: CHANGEABLE,
    version: input.version,
    // The workspace moves to the new owner's list too; the old requester stays in the audit trail.
    data: { ownerEmail: user.email, requesterId: user.id },
    before: { owner: workspace.ownerEmail },
    after: { owner: user.email },
    reason: input.reason,
  });
}
