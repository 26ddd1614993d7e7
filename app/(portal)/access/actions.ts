"use server";
// Contributor decisions and management, from the requests list and the owner's workspace page.
import { revalidatePath } from "next/cache";
import type { SyncOutcome } from "@/lib/access/cluster-sync";
import type { DecisionOutcome } from "@/lib/access/decide";
import { approveAccess, rejectAccess } from "@/lib/access/decide";
import { addContributor, removeContributor, updateListing } from "@/lib/access/manage";
import { cancelAccessRequest } from "@/lib/access/request";
import type { ActionState } from "@/lib/model/action-state";
import { serverAction } from "@/lib/operations/server-action";

function refresh(): void {
  revalidatePath("/access");
  revalidatePath("/workspaces/[id]", "page");
}

function clusterMessage(cluster: SyncOutcome, done: string): ActionState {
  if (cluster.status === "retrying") return { status: "success", message: `${done} The cluster did not confirm yet (${cluster.message}); Berth retries automatically.` };
  return { status: "success", message: `${done} The cluster confirmed it.` };
}

function decisionMessage(outcome: DecisionOutcome, done: string): ActionState {
  if (outcome.state === "AWAITING_ADMIN") return { status: "success", message: "Approval recorded. The workspace's tier needs an admin to approve as well." };
  return clusterMessage(outcome.cluster, done);
}

export const approveAccessAction = serverAction(approveAccess, ({ result }) => {
  refresh();
  return decisionMessage(result, "Access granted.");
});

export const rejectAccessAction = serverAction(rejectAccess, () => {
  refresh();
  return { status: "success", message: "Request rejected." };
});

export const cancelAccessAction = serverAction(cancelAccessRequest, () => {
  refresh();
  return { status: "success", message: "Request withdrawn." };
});

export const addContributorAction = serverAction(addContributor, ({ result }) => {
  refresh();
  return decisionMessage(result, "Contributor added.");
});

export const removeContributorAction = serverAction(removeContributor, ({ result }) => {
  refresh();
  return clusterMessage(result, "Contributor removed.");
});

export const updateListingAction = serverAction(updateListing, () => {
  refresh();
  revalidatePath("/directory");
  return { status: "success", message: "Directory entry saved." };
});
