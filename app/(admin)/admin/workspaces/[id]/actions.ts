"use server";
// Admin operations on one approved workspace. Rules, audit and cluster calls live in lib/workspaces.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { QUOTA_KEYS } from "@/lib/quota/keys";
import { decommissionWorkspace, resumeWorkspace, suspendWorkspace } from "@/lib/workspaces/lifecycle";
import { outcomeState } from "@/lib/workspaces/outcome-message";
import { editWorkspaceQuota, transferWorkspaceOwner } from "@/lib/workspaces/quota-edit";

function refresh(fields: Record<string, string>) {
  revalidatePath(`/admin/workspaces/${fields.workspaceId ?? ""}`);
  revalidatePath("/admin/cluster");
}

export const suspendWorkspaceAction = defineAction("suspending a workspace", ["admin"], async (ctx, fields) => {
  const outcome = await suspendWorkspace(ctx, fields);
  refresh(fields);
  return outcomeState("Suspended.", outcome);
});

export const resumeWorkspaceAction = defineAction("resuming a workspace", ["admin"], async (ctx, fields) => {
  const outcome = await resumeWorkspace(ctx, fields);
  refresh(fields);
  return outcomeState("Resumed.", outcome);
});

export const decommissionWorkspaceAction = defineAction("decommissioning a workspace", ["admin"], async (ctx, fields) => {
  const outcome = await decommissionWorkspace(ctx, fields);
  refresh(fields);
  return outcomeState("Decommissioned.", outcome);
});

export const transferWorkspaceAction = defineAction("transferring a workspace", ["admin"], async (ctx, fields) => {
  const outcome = await transferWorkspaceOwner(ctx, fields);
  refresh(fields);
  return outcomeState("Owner transferred.", outcome);
});

export const editQuotaAction = defineAction("editing a workspace quota", ["admin"], async (ctx, fields) => {
  const { outcome, warnings, usageUnknown } = await editWorkspaceQuota(ctx, fields);
  refresh(fields);
  const label = (key: string) => QUOTA_KEYS.find((k) => k.key === key)?.label ?? key;
  const warning = warnings.length
    ? ` Warning: the new limit is below current usage for ${warnings.map((w) => `${label(w.key)} (limit ${w.limit}, in use ${w.used})`).join(", ")}; running work keeps running, new work is refused.`
    : usageUnknown
      ? " Current usage could not be read, so it was not compared."
      : "";
  const state = outcomeState("Quota saved.", outcome);
  return { ...state, message: `${state.message ?? ""}${warning}` };
});
