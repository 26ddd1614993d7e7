// Records an authorization denial through the limiter (lib/audit/denial-limiter.ts): the
// first denial of each kind per minute is always written, repeats only at 10, 100, 1000 …
import "server-only";
import { DenialLimiter } from "./denial-limiter";
import type { AuditEventInput } from "./events";
import { recordAuditEvent } from "./record";

const globalForLimiter = globalThis as unknown as { berthDenialLimiter?: DenialLimiter };
const limiter = (globalForLimiter.berthDenialLimiter ??= new DenialLimiter());

export type DenialInput = Omit<AuditEventInput, "action" | "result"> & { operation: string };

/** Returns the event's seq when a row was written, null when this repeat was only counted. */
export async function recordDenial({ operation, ...event }: DenialInput): Promise<bigint | null> {
  const key = event.actor ? `actor:${event.actor.issuer} ${event.actor.subject}` : `addr:${event.context.clientAddress ?? "unknown"}`;
  const { record, count } = limiter.decide(key, operation);
  if (!record) return null;
  return recordAuditEvent({
    ...event,
    action: "auth.denied",
    result: "denied",
    after: count > 1 ? { deniedThisMinute: count } : event.after,
  });
}
