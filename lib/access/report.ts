// Who has access to what: every workspace's owner and contributors with who approved them and
// until when, now (from the workspaces and grants) or, for auditors, as it stood at a past moment,
// rebuilt from the audit trail alone (each grant's events carry its snapshot; a workspace's
// approval, owner transfer, decommission and expiry carry its owner). Exported as CSV or JSONL.
import "server-only";
import { z } from "zod";
import { appendAuditEvent } from "@/lib/audit/record";
import { csvCell } from "@/lib/audit-trail/export-format";
import { db } from "@/lib/db/client";
import type { Ctx } from "@/lib/model/actor";
import { ForbiddenError, ValidationError } from "@/lib/model/errors";
import { hasRole } from "@/lib/model/roles";
import { defineOperation } from "@/lib/operations/define-operation";
import type { GrantSnapshot } from "./grant";
import { WorkspaceStatus } from "@/lib/model/workspace-status";
import { reportInput } from "./schemas";

export interface AccessRow {
  workspace: string;
  subjectKind: string;
  subject: string;
  role: string;
  approvedBy: string | null;
  endsAt: string | null;
}

export interface AccessReport {
  asOf: string | null;
  rows: AccessRow[];
}

function parseAsOf(raw: string | undefined): Date | null {
  if (!raw) return null;
  const at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T23:59:59.999Z` : `${raw.replace(/Z$/, "")}Z`);
  if (Number.isNaN(at.getTime())) throw new ValidationError("Enter a real date.", { asOf: ["Enter a real date."] });
  return at;
}

/**
 * A workspace whose Profile exists (or is being written) gives its owner admin rights there;
 * suspended and expired ones keep their data, so their owner and contributors keep access to it.
 */
const OWNED_STATUSES = [WorkspaceStatus.PROVISIONING, WorkspaceStatus.ACTIVE, WorkspaceStatus.SUSPENDED, WorkspaceStatus.EXPIRED, WorkspaceStatus.FAILED];

function byWorkspaceThenSubject(a: AccessRow, b: AccessRow): number {
  return a.workspace.localeCompare(b.workspace) || a.subject.localeCompare(b.subject);
}

async function currentOwnerRows(): Promise<AccessRow[]> {
  const workspaces = await db.workspace.findMany({
    where: { status: { in: OWNED_STATUSES }, decidedAt: { not: null } },
    select: { name: true, ownerEmail: true, expiresAt: true, decidedBy: { select: { email: true } } },
  });
  return workspaces.map((w) => ({
    workspace: w.name,
    subjectKind: "User",
    subject: w.ownerEmail,
    role: "owner",
    approvedBy: w.decidedBy?.email ?? null,
    endsAt: w.expiresAt?.toISOString() ?? null,
  }));
}

/** The events that start, move or end a workspace owner's rights. */
const OWNER_EVENTS = ["workspace.approved", "profile.confirmed", "profile.applied", "workspace.owner_transferred", "workspace.renewed", "workspace.decommissioned"];

async function ownerRowsAsOf(at: Date): Promise<AccessRow[]> {
  const events = await db.auditEvent.findMany({
    where: { targetType: "workspace", action: { in: OWNER_EVENTS }, occurredAt: { lte: at }, result: "success" },
    select: { targetId: true, targetName: true, action: true, actorEmail: true, after: true },
    orderBy: { seq: "asc" },
  });
  const owners = new Map<string, AccessRow>();
  for (const event of events) {
    if (!event.targetId) continue;
    const after = (event.after ?? {}) as { owner?: unknown; expiresAt?: unknown };
    const held = owners.get(event.targetId);
    if (event.action === "workspace.approved" && typeof after.owner === "string") {
      owners.set(event.targetId, {
        workspace: event.targetName ?? event.targetId,
        subjectKind: "User",
        subject: after.owner,
        role: "owner",
        approvedBy: event.actorEmail,
        endsAt: typeof after.expiresAt === "string" ? after.expiresAt : null,
      });
    } else if (event.action === "workspace.owner_transferred" && held && typeof after.owner === "string") {
      owners.set(event.targetId, { ...held, subject: after.owner, approvedBy: event.actorEmail });
    } else if ((event.action === "profile.confirmed" || event.action === "profile.applied") && held) {
      // The expiry clock starts when the workspace is first active: that confirmation carries the end date.
      if (typeof after.expiresAt === "string") owners.set(event.targetId, { ...held, endsAt: after.expiresAt });
    } else if (event.action === "workspace.renewed" && held) {
      owners.set(event.targetId, { ...held, endsAt: typeof after.expiresAt === "string" ? after.expiresAt : null });
    } else if (event.action === "workspace.decommissioned") {
      owners.delete(event.targetId);
    }
  }
  return [...owners.values()];
}

async function currentRows(): Promise<AccessRow[]> {
  const grants = await db.accessGrant.findMany({
    // A decommissioned workspace's grants end in the next workflow jobs; its namespace is gone already.
    where: { state: "ACTIVE", workspace: { status: { in: OWNED_STATUSES } } },
    select: { subjectKind: true, subject: true, role: true, endsAt: true, workspace: { select: { name: true } }, decidedBy: { select: { email: true } } },
    orderBy: [{ workspace: { name: "asc" } }, { subject: "asc" }],
  });
  const contributors = grants.map((g) => ({
    workspace: g.workspace.name,
    subjectKind: g.subjectKind,
    subject: g.subject,
    role: g.role,
    approvedBy: g.decidedBy?.email ?? null,
    endsAt: g.endsAt?.toISOString() ?? null,
  }));
  return [...(await currentOwnerRows()), ...contributors].sort(byWorkspaceThenSubject);
}

/** The last snapshot of each grant written at or before `at`; those ACTIVE then (and not past their end) had access. */
export async function rowsAsOf(at: Date): Promise<AccessRow[]> {
  const events = await db.auditEvent.findMany({
    where: { targetType: "access_grant", occurredAt: { lte: at }, result: "success" },
    select: { targetId: true, after: true },
    orderBy: { seq: "asc" },
  });
  const last = new Map<string, GrantSnapshot>();
  for (const event of events) {
    const after = event.after as Partial<GrantSnapshot> | null;
    if (event.targetId && after && typeof after.state === "string" && typeof after.subject === "string") last.set(event.targetId, after as GrantSnapshot);
  }
  const contributors = [...last.values()]
    .filter((s) => s.state === "ACTIVE" && (s.endsAt === null || new Date(s.endsAt) > at))
    .map((s) => ({ workspace: s.workspace, subjectKind: s.subjectKind, subject: s.subject, role: s.role, approvedBy: s.approvedBy, endsAt: s.endsAt }));
  return [...(await ownerRowsAsOf(at)), ...contributors].sort(byWorkspaceThenSubject);
}

async function report(ctx: Ctx, asOfRaw: string | undefined): Promise<AccessReport> {
  const asOf = parseAsOf(asOfRaw);
  // The past view reads the trail: an auditor's tool.
  if (asOf && !hasRole(ctx.actor.roles, "auditor")) throw new ForbiddenError("Only auditors can see access as it stood at a past date.");
  return { asOf: asOf?.toISOString() ?? null, rows: asOf ? await rowsAsOf(asOf) : await currentRows() };
}

export const accessReport = defineOperation({
  name: "access.report",
  title: "viewing who has access to what",
  roles: ["admin", "auditor"],
  input: reportInput,
  audit: [],
  run: (ctx, { asOf }) => report(ctx, asOf),
});

const COLUMNS = ["workspace", "subjectKind", "subject", "role", "approvedBy", "endsAt"] as const;

export const exportAccessReport = defineOperation({
  name: "access.export",
  title: "exporting who has access to what",
  roles: ["admin", "auditor"],
  // Rebuilding the past reads much of the trail: limited like the trail's own exports (THREATS 70).
  rateLimit: "export",
  input: reportInput.extend({ format: z.enum(["csv", "jsonl"], { error: "format: choose csv or jsonl." }) }),
  audit: ["audit.access_exported"],
  run: async (ctx, { asOf, format }) => {
    const result = await report(ctx, asOf);
    const body =
      format === "csv"
        ? [COLUMNS.map(csvCell).join(","), ...result.rows.map((row) => COLUMNS.map((c) => csvCell(row[c])).join(","))].join("\r\n") + "\r\n"
        : result.rows.map((row) => JSON.stringify({ ...row, asOf: result.asOf })).join("\n") + (result.rows.length ? "\n" : "");
    await db.$transaction((tx) =>
      appendAuditEvent(tx, {
        action: "audit.access_exported",
        result: "success",
        actor: ctx.actor,
        context: ctx.meta,
        target: { type: "access_report" },
        after: { format, asOf: result.asOf, rows: result.rows.length },
      }),
    );
    const stamp = (result.asOf ?? new Date().toISOString()).slice(0, 10);
    return {
      body,
      contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      filename: `berth-access-${stamp}.${format}`,
    };
  },
});
