// The stable vocabulary of audit actions and the shape of one event before it is chained.

export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_out",
  "auth.denied",
  "workspace.requested",
  "workspace.request_refused",
  "workspace.approved",
  "workspace.approve_refused",
  "workspace.rejected",
  "profile.applied",
  "profile.apply_failed",
  "workspace.approval_recorded",
  "workspace.quota_edited",
  "workspace.quota_overridden",
  "workspace.cancelled",
  "workspace.request_expired",
  "workspace.expiry_notice",
  "workspace.expired",
  "workspace.renewal_requested",
  "workspace.renewed",
  "tier.created",
  "tier.updated",
  "tier.retired",
  "audit.exported",
  "action.failed",
  "profile.deleted",
  "workspace.quota_changed",
  "workspace.suspended",
  "workspace.resumed",
  "workspace.decommissioned",
  "workspace.owner_transferred",
  "workspace.reapply_requested",
  "cluster.drift_detected",
  "cluster.drift_resolved",
  "cluster.profile_adopted",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_RESULTS = ["success", "failure", "denied"] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

export interface AuditActor {
  issuer: string;
  subject: string;
  email: string;
  name?: string | null;
  roles: readonly string[];
}

export interface AuditContext {
  requestId?: string;
  clientAddress?: string;
  userAgent?: string;
}

export interface AuditEventInput {
  action: AuditAction;
  result: AuditResult;
  actor: AuditActor | null;
  context: AuditContext;
  target?: { type: string; id?: string; name?: string };
  before?: unknown;
  after?: unknown;
  reason?: string;
  errorCode?: string;
  kubeAuditId?: string;
}
