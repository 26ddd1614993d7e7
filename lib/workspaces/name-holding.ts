// The Prisma filter for workspaces that hold on to their name.
import { OPEN_STATUSES, WorkspaceStatus } from "@/lib/model/workspace-status";

/**
 * Workspaces whose name stays taken: open ones, and expired workspaces, whose Profile is kept
 * (held, not deleted). A pending request that expired was never approved and holds nothing.
 * The partial unique index workspaces_open_name_key says the same in SQL.
 */
export const NAME_HOLDING = {
  OR: [{ status: { in: OPEN_STATUSES } }, { status: WorkspaceStatus.EXPIRED, decidedById: { not: null } }],
};
