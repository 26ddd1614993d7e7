"use server";
// Admin decisions on pending requests. The rules (no self-approval, one transition) live in
// lib/workspaces. A decision removes the request from the queue, so its outcome is shown at
// the top of the page, read back from the database by id.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { deliverSoon } from "@/lib/notifications/deliver-soon";
import { approveWorkspace, rejectWorkspace } from "@/lib/workspaces/decide";
import { approveRenewal } from "@/lib/workspaces/renew";

export const approveRequestAction = defineAction("approving a request", ["admin"], async (ctx, fields) => {
  await approveWorkspace(ctx, fields);
  deliverSoon();
  revalidatePath("/admin/requests");
  redirect(`/admin/requests?decided=${encodeURIComponent(fields.workspaceId ?? "")}`);
});

export const rejectRequestAction = defineAction("rejecting a request", ["admin"], async (ctx, fields) => {
  await rejectWorkspace(ctx, fields);
  deliverSoon();
  revalidatePath("/admin/requests");
  redirect(`/admin/requests?decided=${encodeURIComponent(fields.workspaceId ?? "")}`);
});

export const approveRenewalAction = defineAction("approving a renewal", ["admin"], async (ctx, fields) => {
  const outcome = await approveRenewal(ctx, fields);
  revalidatePath("/admin/requests");
  // A completed renewal leaves the list (and its form), so its outcome is shown at the top.
  if (outcome.status === "RENEWED") redirect(`/admin/requests?renewed=${encodeURIComponent(fields.workspaceId ?? "")}`);
  return { status: "success", message: "Your approval was recorded; a second admin has to approve too." };
});
