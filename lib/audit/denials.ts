// Records authorization denials and refused attempts through the limiter
// (lib/audit/denial-limiter.ts): the first of each kind per minute per actor is always
// written, repeats only at 10, 100, 1000 …
import "server-only";
import { DenialLimiter } from "./denial-limiter";
import type { AuditEventInput } from "@/lib/model/audit-event";
import { recordAuditEvent } from "./record";

const globalForLimiter = globalThis as unknown as { berthDenialLimiter?: DenialLimiter };
const limiter = (globalForLimiter.berthDenialLimiter ??= new DenialLimiter());

export type DenialInput = Omit<AuditEventInput, "action" | "result"> & { operation: string };

/** Returns the event's seq when a row was written, null when this repeat was only counted. */
export function recordDenial({ operation, ...event }: DenialInput): Promise<bigint | null> {
  return recordLimited(operation, { ...event, action: "auth.denied", result: "denied" });
}

/** Any repeatable failure an actor can cause at will (a denial, an invalid request). */
export async function recordLimited(operation: string, event: AuditEventInput): Promise<bigint | null> {
  const key = event.actor ? `actor:${event.actor.issuer} ${event.actor.subject}` : `addr:${event.context.clientAddress ?? "unknown"}`;
  const { record, count } = limiter.decide(key, `${event.action} ${operation}`);
  if (!record) return null;
  return recordAuditEvent(count > 1 ? { ...event, after: { ...(event.after as object | undefined), repeatsThisMinute: count } } : event);
}
