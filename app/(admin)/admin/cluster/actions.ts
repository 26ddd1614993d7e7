"use server";
// Cluster page actions: re-apply a workspace's desired state, adopt an unmanaged Profile.
import { revalidatePath } from "next/cache";
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
