// The steps an approved workspace goes through on its way into the cluster, and where it is now,
// read from its status and the step the reconciler last waited on (lib/reconcile/confirm.ts).
import { WorkspaceStatus } from "./workspace-status";

export const PROVISIONING_STEPS = ["Approved", "Profile applied", "Namespace created", "Quota in place", "Active"] as const;
export type ProvisioningStepName = (typeof PROVISIONING_STEPS)[number];

export interface ProgressStep {
  name: ProvisioningStepName;
  state: "done" | "current" | "todo";
}

/** Index of the step being worked on; PROVISIONING_STEPS.length when everything is done. */
function currentIndex(status: WorkspaceStatus, waitingOn: string | null): number {
  if (status === WorkspaceStatus.ACTIVE) return PROVISIONING_STEPS.length;
  if (status !== WorkspaceStatus.PROVISIONING) return -1;
  // The reconciler's words: "waiting for the namespace", "waiting for kf-resource-quota[ to match the quota]".
  if (waitingOn?.includes("kf-resource-quota")) return 3;
  if (waitingOn?.includes("namespace")) return 2;
  return 1;
}

/** The steps with their state, or null when the workspace is not (or no longer) on its way in. */
export function provisioningProgress(status: WorkspaceStatus, waitingOn: string | null): ProgressStep[] | null {
  const current = currentIndex(status, waitingOn);
  if (current < 0) return null;
  return PROVISIONING_STEPS.map((name, index) => ({
    name,
    state: index < current ? "done" : index === current ? "current" : "todo",
  }));
}
