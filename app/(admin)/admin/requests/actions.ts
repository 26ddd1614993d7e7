"use server";
// Admin decisions on pending requests. The rules (no self-approval, one transition) live in
// lib/workspaces. A decision removes the request from the queue, so its outcome is shown at
// the top of the page, read back from the database by id.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { approveWorkspace, rejectWorkspace } from "@/lib/workspaces/decide";

export const approveRequestAction = defineAction("approving a request", ["admin"], async (ctx, fields) => {
  await approveWorkspace(ctx, fields);
  revalidatePath("/admin/requests");
  redirect(`/admin/requests?decided=${encodeURIComponent(fields.workspaceId ?? "")}`);
});

export const rejectRequestAction = defineAction("rejecting a request", ["admin"], async (ctx, fields) => {
  await rejectWorkspace(ctx, fields);
  revalidatePath("/admin/requests");
  redirect(`/admin/requests?decided=${encodeURIComponent(fields.workspaceId ?? "")}`);
});
