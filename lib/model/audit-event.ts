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
  "audit.verify_started",
  "audit.verified",
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
  "workspace.approvals_reset",
  "workspace.change_requested",
  "workspace.change_rejected",
  "workspace.change_cancelled",
  "notification.marked_read",
  // Guardrails and posture (issue 11).
  "tier.pod_security_overridden",
  "cluster.posture_failed",
  "cluster.posture_recovered",
  // Hardening (THREATS 70–79): refused for going too fast; every session of a person ended.
  "auth.rate_limited",
  "auth.sessions_ended",
  // Contributors (lib/access).
  "access.requested",
  "access.approval_recorded",
  "access.granted",
  "access.rejected",
  "access.cancelled",
  "access.added",
  "access.revoked",
  "access.expired",
  "access.applied",
  "access.removed",
  "access.apply_failed",
  "access.drift_detected",
  "access.adopted",
  "access.unmanaged_removed",
  "audit.access_exported",
  "workspace.listing_updated",
  // The cluster as real clusters behave: foreign quota keys removed, a profile controller that does not act.
  "profile.quota_keys_removed",
  "profile.controller_overdue",
  "profile.confirmed",
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

/** What an event is about: a workspace, a tier, a user, a Profile… */
export interface AuditTarget {
  type: string;
  id?: string;
  name?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The workspace a form names, read from unparsed input: only a well-formed id is kept. */
export function workspaceTarget(raw: Record<string, unknown>): AuditTarget | undefined {
  const id = raw.workspaceId;
  return typeof id === "string" && UUID.test(id) ? { type: "workspace", id: id.toLowerCase() } : undefined;
}

export interface AuditEventInput {
  action: AuditAction;
  result: AuditResult;
  actor: AuditActor | null;
  context: AuditContext;
  target?: AuditTarget;
  before?: unknown;
  after?: unknown;
  reason?: string;
  errorCode?: string;
  kubeAuditId?: string;
}
