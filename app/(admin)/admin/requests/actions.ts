"use server";
// Admin decisions on pending requests. The rules (no self-approval, one transition) live in lib/workspaces.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { approveWorkspace, rejectWorkspace } from "@/lib/workspaces/decide";

export const approveRequestAction = defineAction("approving a request", ["admin"], async (ctx, fields) => {
  const outcome = await approveWorkspace(ctx, fields);
  revalidatePath("/admin/requests");
  if (outcome.status === "ACTIVE") return { status: "success", message: "Approved. The Profile was applied." };
  return { status: "error", message: `Approved, but the Profile could not be applied: ${outcome.message}` };
});

export const rejectRequestAction = defineAction("rejecting a request", ["admin"], async (ctx, fields) => {
  await rejectWorkspace(ctx, fields);
  revalidatePath("/admin/requests");
  return { status: "success", message: "Rejected. The requester can see your reason." };
});
