"use server";
// Admin operations on one approved workspace. Rules, audit and cluster calls live in lib/workspaces.
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/operations/server-action";
import { decommissionWorkspace, resumeWorkspace, suspendWorkspace } from "@/lib/workspaces/lifecycle";
import { outcomeState, quotaEditState } from "@/lib/workspaces/outcome-message";
import { editWorkspaceQuota, transferWorkspaceOwner } from "@/lib/workspaces/quota-edit";

function refresh(workspaceId: string) {
  revalidatePath(`/admin/workspaces/${workspaceId}`);
  revalidatePath("/admin/cluster");
}

export const suspendWorkspaceAction = serverAction(suspendWorkspace, ({ input, result }) => {
  refresh(input.workspaceId);
  return outcomeState("Suspended.", result);
});

export const resumeWorkspaceAction = serverAction(resumeWorkspace, ({ input, result }) => {
  refresh(input.workspaceId);
  return outcomeState("Resumed.", result);
});

export const decommissionWorkspaceAction = serverAction(decommissionWorkspace, ({ input, result }) => {
  refresh(input.workspaceId);
  return outcomeState("Decommissioned.", result);
});

export const transferWorkspaceAction = serverAction(transferWorkspaceOwner, ({ input, result }) => {
  refresh(input.workspaceId);
  return outcomeState("Owner transferred.", result);
});

export const editQuotaAction = serverAction(editWorkspaceQuota, ({ input, result }) => {
  refresh(input.workspaceId);
  return quotaEditState(result);
});
