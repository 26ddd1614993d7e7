// Which workspace states hold on to their name (the Profile may exist or is about to).
import { WorkspaceStatus } from "@/lib/db/generated/enums";

export const OPEN_STATUSES: WorkspaceStatus[] = [
  WorkspaceStatus.PENDING,
  WorkspaceStatus.PROVISIONING,
  WorkspaceStatus.ACTIVE,
  WorkspaceStatus.FAILED,
];

export { WorkspaceStatus };
