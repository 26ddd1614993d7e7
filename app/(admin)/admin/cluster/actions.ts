"use server";
// Cluster page actions: re-apply a workspace's desired state, adopt an unmanaged Profile.
import { revalidatePath } from "next/cache";
import { adoptAccess, removeUnmanagedAccess } from "@/lib/access/drift-actions";
import { adoptProfile } from "@/lib/cluster/adopt";
import { serverAction } from "@/lib/operations/server-action";
import { reapplyWorkspace } from "@/lib/workspaces/lifecycle";
import { outcomeState } from "@/lib/workspaces/outcome-message";

export const reapplyWorkspaceAction = serverAction(reapplyWorkspace, ({ result }) => {
  revalidatePath("/admin/cluster");
  return outcomeState("Re-applied.", result);
});

export const adoptProfileAction = serverAction(adoptProfile, ({ input, result }) => {
  revalidatePath("/admin/cluster");
  return outcomeState(`Adopted ${input.name}${input.suspend ? " and suspended it" : ""}.`, result.outcome);
});

export const adoptAccessAction = serverAction(adoptAccess, ({ result }) => {
  revalidatePath("/admin/cluster");
  return { status: "success", message: result.status === "retrying" ? `Adopted; the cluster did not confirm yet (${result.message}).` : "Adopted; Berth manages this access now." };
});

export const removeUnmanagedAccessAction = serverAction(removeUnmanagedAccess, () => {
  revalidatePath("/admin/cluster");
  return { status: "success", message: "Removed from the cluster." };
});
