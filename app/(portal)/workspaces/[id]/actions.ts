"use server";
// The owner's actions on one workspace: cancel a pending request, ask for renewal.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { cancelRequest } from "@/lib/workspaces/cancel";
import { requestRenewal } from "@/lib/workspaces/renew";

export const cancelRequestAction = defineAction("cancelling a request", ["requester"], async (ctx, fields) => {
  await cancelRequest(ctx, fields);
  revalidatePath("/workspaces");
  redirect(`/workspaces/${encodeURIComponent(fields.workspaceId ?? "")}`);
});

export const renewWorkspaceAction = defineAction("asking for a renewal", ["requester"], async (ctx, fields) => {
  const outcome = await requestRenewal(ctx, fields);
  revalidatePath(`/workspaces/${fields.workspaceId ?? ""}`);
  return {
    status: "success",
    message:
      outcome.status === "RENEWED"
        ? `Renewed until ${outcome.expiresAt.toISOString().slice(0, 10)}.`
        : "Your renewal request was sent; two admins have to approve it.",
  };
});
