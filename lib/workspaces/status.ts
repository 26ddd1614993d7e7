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
