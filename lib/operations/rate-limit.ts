// Rate limits of operations, per person and per client address, counted in PostgreSQL so that
// every replica counts together (THREATS 70). Each attempt takes one hit from both keys in one
// statement, whether it then succeeds or fails; a refusal is audited through the denial
// limiter, so a flood of refusals writes a handful of rows.
import "server-only";
import { recordLimited } from "@/lib/audit/denials";
import { rateLimitSettings, type RateLimitSettings } from "@/lib/config";
import { db } from "@/lib/db/client";
import type { Ctx } from "@/lib/model/actor";
import type { AuditTarget } from "@/lib/model/audit-event";
import { LimitError } from "@/lib/model/errors";

/** `change`: every mutation; `export`: reads that walk the audit trail (exports, verification). */
export type RateClass = "change" | "export";

export const RATE_WINDOW_MS = 60_000;

export interface RateRule {
  perPerson: number;
  perAddress: number;
}

export function ruleFor(rateClass: RateClass, settings: RateLimitSettings = rateLimitSettings()): RateRule {
  const perPerson = rateClass === "change" ? settings.changesPerMinute : settings.exportsPerMinute;
  return { perPerson, perAddress: perPerson * settings.addressFactor };
}

export interface RateVerdict {
  allowed: boolean;
  /** Which key ran out, when refused. */
  exceeded?: "person" | "address";
  retryAfterSeconds: number;
}

/**
 * One hit for the person and one for the address. A replica whose clock lags counts into the
 * newer window rather than resetting it.
 */
export async function takeHit(rateClass: RateClass, ctx: Ctx, rule: RateRule, now: Date = new Date()): Promise<RateVerdict> {
  const windowStart = new Date(now.getTime() - (now.getTime() % RATE_WINDOW_MS));
  const personKey = `${rateClass}:person:${ctx.actor.userId}`;
  // Without an address (a job, a test), the person's limit is the only one.
  const addressKey = ctx.meta.clientAddress ? `${rateClass}:address:${ctx.meta.clientAddress.slice(0, 100)}` : null;
  const keys = addressKey ? [personKey, addressKey] : [personKey];
  const rows = await db.$queryRaw<{ key: string; hits: number }[]>`
    INSERT INTO rate_limit_counters AS c (key, window_start, hits)
    SELECT k, ${windowStart}::timestamptz, 1 FROM unnest(${keys}::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN EXCLUDED.window_start > c.window_start THEN 1 ELSE c.hits + 1 END,
      window_start = GREATEST(c.window_start, EXCLUDED.window_start)
    RETURNING key, hits`;
  const hitsOf = (key: string | null) => rows.find((row) => row.key === key)?.hits ?? 0;
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + RATE_WINDOW_MS - now.getTime()) / 1000));
  if (hitsOf(personKey) > rule.perPerson) return { allowed: false, exceeded: "person", retryAfterSeconds };
  if (addressKey && hitsOf(addressKey) > rule.perAddress) return { allowed: false, exceeded: "address", retryAfterSeconds };
  return { allowed: true, retryAfterSeconds: 0 };
}

export interface LimitedAttempt {
  title: string;
  rateClass: RateClass;
  target?: AuditTarget;
}

/** Throws a LimitError naming the limit and the wait when the attempt is over it; audits that (thinned). */
export async function enforceRateLimit(attempt: LimitedAttempt, ctx: Ctx, rule: RateRule = ruleFor(attempt.rateClass), now?: Date): Promise<void> {
  const verdict = await takeHit(attempt.rateClass, ctx, rule, now);
  if (verdict.allowed) return;
  const limit = verdict.exceeded === "person" ? `${rule.perPerson} a minute for each person` : `${rule.perAddress} a minute from one network address`;
  const message = `Too many attempts at ${attempt.title}: at most ${limit}. Please wait ${verdict.retryAfterSeconds} seconds and try again.`;
  await recordLimited(attempt.title, {
    action: "auth.rate_limited",
    result: "denied",
    actor: ctx.actor,
    context: ctx.meta,
    target: attempt.target,
    reason: message,
    errorCode: "rate_limited",
    after: { limit: verdict.exceeded, perMinute: verdict.exceeded === "person" ? rule.perPerson : rule.perAddress },
  });
  throw new LimitError(message, "rate", verdict.retryAfterSeconds);
}
