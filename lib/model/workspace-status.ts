// Which workspace states hold on to their name (the Profile may exist or is about to).
/** The same values as the database enum workspace_status (a unit test keeps them equal). */
export const WorkspaceStatus = {
  PENDING: "PENDING",
  PROVISIONING: "PROVISIONING",
  ACTIVE: "ACTIVE",
  REJECTED: "REJECTED",
  FAILED: "FAILED",
  CANCELLED: "CANCELLED",
  SUSPENDED: "SUSPENDED",
  DECOMMISSIONED: "DECOMMISSIONED",
  EXPIRED: "EXPIRED",
} as const;
export type WorkspaceStatus = (typeof WorkspaceStatus)[keyof typeof WorkspaceStatus];

export const OPEN_STATUSES: WorkspaceStatus[] = [
  WorkspaceStatus.PENDING,
  WorkspaceStatus.PROVISIONING,
  WorkspaceStatus.ACTIVE,
  WorkspaceStatus.FAILED,
  WorkspaceStatus.SUSPENDED,
];

/** States whose desired state the reconciler keeps the cluster in line with. */
// Only approved rows (decided_by_id set) are reconciled: an EXPIRED row may also be a request
// that expired while pending, which must never reach the cluster.
export const RECONCILED_STATUSES: WorkspaceStatus[] = [
  WorkspaceStatus.PROVISIONING,
  WorkspaceStatus.ACTIVE,
  WorkspaceStatus.SUSPENDED,
  WorkspaceStatus.EXPIRED,
  WorkspaceStatus.DECOMMISSIONED,
];

/** States in which the cluster holds the Profile with a quota that allows no new pods. */
export const HELD_STATUSES: WorkspaceStatus[] = [WorkspaceStatus.SUSPENDED, WorkspaceStatus.EXPIRED];

export function isHeld(status: WorkspaceStatus): boolean {
  return HELD_STATUSES.includes(status);
}



/** Counted against BERTH_MAX_ACTIVE_WORKSPACES: approved and holding (or about to hold) a namespace, suspended included. */
export const ACTIVE_STATUSES: WorkspaceStatus[] = [WorkspaceStatus.PROVISIONING, WorkspaceStatus.ACTIVE, WorkspaceStatus.FAILED, WorkspaceStatus.SUSPENDED];
