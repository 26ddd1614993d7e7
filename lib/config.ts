// Runtime settings read from the environment, with the defaults Berth documents in its README.

function list(value: string | undefined, fallback: string[]): string[] {
  if (value === undefined) return fallback;
  return value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

export interface RoleGroups {
  adminGroups: string[];
  auditorGroups: string[];
}

export function roleGroupsFromEnv(env: Record<string, string | undefined> = process.env): RoleGroups {
  return {
    adminGroups: list(env.BERTH_ADMIN_GROUPS, ["kubeflow-admins"]),
    auditorGroups: list(env.BERTH_AUDITOR_GROUPS, ["kubeflow-auditors"]),
  };
}

/** The server-side-apply field manager: stable, so Berth's ownership of Profile fields is stable. */
export const FIELD_MANAGER = "berth";

/** Limits and timings of the request workflow (README, "Requests and approvals"). */
export interface WorkflowConfig {
  maxOpenRequests: number;
  maxActiveWorkspaces: number;
  /** Submissions per user in any rolling hour. */
  requestRateLimit: number;
  requestTtlDays: number;
  /** How long before a workspace's end date its owner is told. */
  expiryNoticeDays: number;
  /** Every new workspace name must start with this, when set. */
  requiredNamePrefix: string;
  webhookUrl: string | undefined;
}

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value.trim() === "") return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number ≥ 0, got "${value}"`);
  return parsed;
}

export function workflowConfigFromEnv(env: Record<string, string | undefined> = process.env): WorkflowConfig {
  return {
    maxOpenRequests: positiveInt(env.BERTH_MAX_OPEN_REQUESTS, 3, "BERTH_MAX_OPEN_REQUESTS"),
    maxActiveWorkspaces: positiveInt(env.BERTH_MAX_ACTIVE_WORKSPACES, 5, "BERTH_MAX_ACTIVE_WORKSPACES"),
    requestRateLimit: positiveInt(env.BERTH_REQUEST_RATE_LIMIT, 10, "BERTH_REQUEST_RATE_LIMIT"),
    requestTtlDays: positiveInt(env.BERTH_REQUEST_TTL_DAYS, 7, "BERTH_REQUEST_TTL_DAYS"),
    expiryNoticeDays: positiveInt(env.BERTH_EXPIRY_NOTICE_DAYS, 7, "BERTH_EXPIRY_NOTICE_DAYS"),
    requiredNamePrefix: (env.BERTH_WORKSPACE_NAME_PREFIX ?? "").trim(),
    webhookUrl: env.BERTH_WEBHOOK_URL?.trim() || undefined,
  };
}
