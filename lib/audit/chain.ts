// The hash chain: each event's hash covers its own fields and the previous event's hash,
// over a canonical serialisation (fixed field order, sorted JSON keys), so any later edit
// of any row, or a removed row, breaks every hash after it.
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export interface ChainedFields {
  seq: bigint;
  occurredAt: Date;
  actorIssuer: string | null;
  actorSubject: string | null;
  actorEmail: string | null;
  actorName: string | null;
  actorRoles: string[];
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetName: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  result: string;
  errorCode: string | null;
  requestId: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  kubeAuditId: string | null;
  prevHash: string;
}

/** JSON with object keys sorted at every depth: PostgreSQL's jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function hashEvent(fields: ChainedFields): string {
  const ordered = [
    fields.seq.toString(),
    fields.occurredAt.toISOString(),
    fields.actorIssuer,
    fields.actorSubject,
    fields.actorEmail,
    fields.actorName,
    fields.actorRoles,
    fields.action,
    fields.targetType,
    fields.targetId,
    fields.targetName,
    fields.before ?? null,
    fields.after ?? null,
    fields.reason,
    fields.result,
    fields.errorCode,
    fields.requestId,
    fields.clientAddress,
    fields.userAgent,
    fields.kubeAuditId,
    fields.prevHash,
  ];
  return createHash("sha256").update(canonicalJson(ordered)).digest("hex");
}
