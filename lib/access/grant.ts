// What a contributor grant is: its states, its subject (a person by email, case-folded for
// comparison, or a Dex group), and the snapshot every audit event of a grant carries, so that
// "who had access on a past date" can be rebuilt from the trail alone.
import type { AuditTarget } from "@/lib/model/audit-event";
import { contributorObjectName, type ContributorRole, type SubjectKind } from "@/lib/kube/role-bindings";
import { foldEmail } from "@/lib/workspaces/governance";

export const GRANT_STATES = ["PENDING", "AWAITING_ADMIN", "ACTIVE", "REJECTED", "CANCELLED", "REVOKED", "EXPIRED"] as const;
export type GrantState = (typeof GRANT_STATES)[number];
/** Asked for and not yet decided. */
export const OPEN_REQUEST_STATES: GrantState[] = ["PENDING", "AWAITING_ADMIN"];

export interface GrantSubject {
  kind: SubjectKind;
  /** As written into the cluster. */
  name: string;
}

/** The key one open grant per workspace is unique on: emails case-folded, group names as Dex sends them. */
export function subjectKey(subject: GrantSubject): string {
  return subject.kind === "User" ? foldEmail(subject.name) : subject.name;
}

export function objectNameOf(subject: GrantSubject, role: ContributorRole): string {
  return contributorObjectName(subject, role);
}

/** One grant as its audit events record it: enough to list it as a contributor on any past date. */
export interface GrantSnapshot {
  workspaceId: string;
  workspace: string;
  subjectKind: SubjectKind;
  subject: string;
  role: ContributorRole;
  state: GrantState;
  endsAt: string | null;
  approvedBy: string | null;
}

export interface GrantRow {
  id: string;
  workspaceId: string;
  subjectKind: string;
  subject: string;
  role: string;
  state: string;
  endsAt: Date | null;
  workspace: { name: string };
  decidedBy?: { email: string } | null;
}

export function snapshotOf(grant: GrantRow, state: GrantState = grant.state as GrantState): GrantSnapshot {
  return {
    workspaceId: grant.workspaceId,
    workspace: grant.workspace.name,
    subjectKind: grant.subjectKind as SubjectKind,
    subject: grant.subject,
    role: grant.role as ContributorRole,
    state,
    endsAt: grant.endsAt?.toISOString() ?? null,
    approvedBy: grant.decidedBy?.email ?? null,
  };
}

export function grantTarget(grant: Pick<GrantRow, "id" | "subject" | "workspace">): AuditTarget {
  return { type: "access_grant", id: grant.id, name: `${grant.workspace.name}/${grant.subject}` };
}

export const GRANT_SELECT = {
  id: true,
  workspaceId: true,
  subjectKind: true,
  subject: true,
  subjectKey: true,
  role: true,
  state: true,
  endsAt: true,
  reason: true,
  objectName: true,
  version: true,
  approvedById: true,
  workspace: { select: { name: true, ownerEmail: true, status: true, tier: { select: { accessMaxDays: true, accessAdminApproval: true } } } },
  requestedBy: { select: { email: true, issuer: true, subject: true } },
  approvedBy: { select: { email: true } },
  decidedBy: { select: { email: true } },
} as const;

/** The row of a new grant: the subject's folded key and KFAM's object name come from the subject. */
export function newGrantData(grant: { workspaceId: string; subject: GrantSubject; role: ContributorRole; reason: string; endsAt: Date | null; requestedById: string }) {
  return {
    workspaceId: grant.workspaceId,
    subjectKind: grant.subject.kind,
    subject: grant.subject.name,
    subjectKey: subjectKey(grant.subject),
    role: grant.role,
    reason: grant.reason,
    endsAt: grant.endsAt,
    requestedById: grant.requestedById,
    objectName: objectNameOf(grant.subject, grant.role),
  };
}
