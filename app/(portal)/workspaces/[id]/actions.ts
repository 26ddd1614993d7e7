"use server";
// The owner's actions on one workspace: cancel a pending request, ask for renewal, ask for a quota change.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { serverAction } from "@/lib/operations/server-action";
import { cancelRequest } from "@/lib/workspaces/cancel";
import { askQuotaState, renewalState } from "@/lib/workspaces/outcome-message";
import { askForQuotaChange } from "@/lib/workspaces/quota-change";
import { requestRenewal } from "@/lib/workspaces/renew";

export const cancelRequestAction = serverAction(cancelRequest, ({ input }) => {
  revalidatePath("/workspaces");
  redirect(`/workspaces/${input.workspaceId}`);
});

export const renewWorkspaceAction = serverAction(requestRenewal, ({ input, result }) => {
  revalidatePath(`/workspaces/${input.workspaceId}`);
  return renewalState(result);
});

export const askQuotaChangeAction = serverAction(askForQuotaChange, ({ input, result }) => {
  revalidatePath(`/workspaces/${input.workspaceId}`);
  revalidatePath("/admin/requests");
  return askQuotaState(result);
});
