"use server";
// Admin decisions on pending requests and quota changes. The rules (no self-approval, one
// transition) live in lib/workspaces. A decision removes the item from the queue, so its
// outcome is shown at the top of the page, read back from the database by id.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { deliverSoon } from "@/lib/notifications/deliver-soon";
import { serverAction } from "@/lib/operations/server-action";
import { approveWorkspace, rejectWorkspace } from "@/lib/workspaces/decide";
import { SECOND_APPROVAL_NEEDED } from "@/lib/workspaces/outcome-message";
import { approveQuotaChange, rejectQuotaChange } from "@/lib/workspaces/quota-change";
import { approveRenewal } from "@/lib/workspaces/renew";

function decided(workspaceId: string): never {
  deliverSoon();
  revalidatePath("/admin/requests");
  redirect(`/admin/requests?decided=${workspaceId}`);
}

export const approveRequestAction = serverAction(approveWorkspace, ({ input }) => decided(input.workspaceId));

export const rejectRequestAction = serverAction(rejectWorkspace, ({ input }) => decided(input.workspaceId));

export const approveRenewalAction = serverAction(approveRenewal, ({ input, result }) => {
  revalidatePath("/admin/requests");
  // A completed renewal leaves the list (and its form), so its outcome is shown at the top.
  if (result.status === "RENEWED") redirect(`/admin/requests?renewed=${input.workspaceId}`);
  return SECOND_APPROVAL_NEEDED;
});

function changeDecided(workspaceId: string): void {
  revalidatePath("/admin/requests");
  revalidatePath(`/admin/workspaces/${workspaceId}`);
  revalidatePath(`/workspaces/${workspaceId}`);
}

export const approveChangeAction = serverAction(approveQuotaChange, ({ result }) => {
  changeDecided(result.workspaceId);
  if (result.status === "APPLIED") redirect(`/admin/requests?changeApplied=${result.workspaceId}`);
  return SECOND_APPROVAL_NEEDED;
});

export const rejectChangeAction = serverAction(rejectQuotaChange, ({ result }) => {
  changeDecided(result.workspaceId);
  redirect(`/admin/requests?changeRejected=${result.workspaceId}`);
});
