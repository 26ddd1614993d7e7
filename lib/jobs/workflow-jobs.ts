// One entry point for the workflow's periodic work, safe to run as often as wanted and on
// several replicas at once: every step is conditional and idempotent.
import "server-only";
import { endAccessOfDecommissioned } from "@/lib/access/decommissioned";
import { expireGrants } from "@/lib/access/expiry";
import { workflowConfigFromEnv, type WorkflowConfig } from "@/lib/config";
import { deliverPendingNotifications, type DeliveryReport } from "@/lib/notifications/deliver";
import { expireStaleRequests, expireWorkspaces, noticeExpiringWorkspaces } from "@/lib/workspaces/expiry";

export interface WorkflowJobsReport {
  expiredRequests: number;
  expiryNotices: number;
  /** Ids of workspaces that just expired: the cluster lifecycle suspends these. */
  expiredWorkspaces: string[];
  /** Ids of access grants that reached their end date: their cluster objects are removed. */
  expiredGrants: string[];
  /** Ids of grants and access requests ended because their workspace was decommissioned. */
  endedWithWorkspace: string[];
  notifications: DeliveryReport;
}

export async function runWorkflowJobs(now: Date = new Date(), config: WorkflowConfig = workflowConfigFromEnv()): Promise<WorkflowJobsReport> {
  const expiredRequests = await expireStaleRequests(now, config);
  const expiryNotices = await noticeExpiringWorkspaces(now, config);
  const expiredWorkspaces = await expireWorkspaces(now);
  const expiredGrants = await expireGrants(now);
  const endedWithWorkspace = await endAccessOfDecommissioned(now);
  const notifications = await deliverPendingNotifications({ url: config.webhookUrl, now });
  return { expiredRequests, expiryNotices, expiredWorkspaces, expiredGrants, endedWithWorkspace, notifications };
}
