// Which workspace states hold on to their name (the Profile may exist or is about to).
import { WorkspaceStatus } from "@/lib/db/generated/enums";

export const OPEN_STATUSES: WorkspaceStatus[] = [
  WorkspaceStatus.PENDING,
  WorkspaceStatus.PROVISIONING,
  WorkspaceStatus.ACTIVE,
  WorkspaceStatus.FAILED,
  WorkspaceStatus.SUSPENDED,
];

/** States whose desired state the reconciler keeps the cluster in line with. */
export const RECONCILED_STATUSES: WorkspaceStatus[] = [
  WorkspaceStatus.PROVISIONING,
  WorkspaceStatus.ACTIVE,
  WorkspaceStatus.SUSPENDED,
  WorkspaceStatus.DECOMMISSIONED,
];

export { WorkspaceStatus };

/** States in which the name stays taken: also EXPIRED, whose Profile is kept (suspended, not deleted). */
export const NAME_HOLDING_STATUSES: WorkspaceStatus[] = [...OPEN_STATUSES, WorkspaceStatus.EXPIRED];

/** Counted against BERTH_MAX_ACTIVE_WORKSPACES: approved and holding (or about to hold) a namespace, suspended included. */
export const ACTIVE_STATUSES: WorkspaceStatus[] = [WorkspaceStatus.PROVISIONING, WorkspaceStatus.ACTIVE, WorkspaceStatus.FAILED, WorkspaceStatus.SUSPENDED];
