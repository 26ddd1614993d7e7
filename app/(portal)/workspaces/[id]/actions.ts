"use server";
// The owner's actions on one workspace: cancel a pending request, ask for renewal.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { serverAction } from "@/lib/operations/server-action";
import { cancelRequest } from "@/lib/workspaces/cancel";
import { renewalState } from "@/lib/workspaces/outcome-message";
import { requestRenewal } from "@/lib/workspaces/renew";

export const cancelRequestAction = serverAction(cancelRequest, ({ input }) => {
  revalidatePath("/workspaces");
  redirect(`/workspaces/${input.workspaceId}`);
});

export const renewWorkspaceAction = serverAction(requestRenewal, ({ input, result }) => {
  revalidatePath(`/workspaces/${input.workspaceId}`);
  return renewalState(result);
});
