"use server";
// Cluster page actions: re-apply a workspace's desired state, adopt an unmanaged Profile.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { adoptProfile } from "@/lib/cluster/adopt";
import { reapplyWorkspace } from "@/lib/workspaces/lifecycle";
import { outcomeState } from "@/lib/workspaces/outcome-message";

export const reapplyWorkspaceAction = defineAction("re-applying a workspace", ["admin"], async (ctx, fields) => {
  const outcome = await reapplyWorkspace(ctx, fields);
  revalidatePath("/admin/cluster");
  return outcomeState("Re-applied.", outcome);
});

export const adoptProfileAction = defineAction("adopting a Profile", ["admin"], async (ctx, fields) => {
  const { outcome } = await adoptProfile(ctx, fields);
  revalidatePath("/admin/cluster");
  return outcomeState(`Adopted ${fields.name ?? ""}${fields.suspend ? " and suspended it" : ""}.`, outcome);
});
