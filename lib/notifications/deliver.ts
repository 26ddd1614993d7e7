// Delivers the outbox to the webhook (Slack-compatible JSON), with retries and backoff.
// Rows are leased with SKIP LOCKED, so several replicas or job runs never send one twice
// at the same time. Failures are kept for admins to see; the URL never is (it may hold a token).
import "server-only";
import { workflowConfigFromEnv } from "@/lib/config";
import { db } from "@/lib/db/client";

export const MAX_ATTEMPTS = 6;
const LEASE_MS = 5 * 60 * 1000;
const TIMEOUT_MS = 5_000;

export interface DeliveryOptions {
  url?: string;
  now?: Date;
  batch?: number;
}

export interface DeliveryReport {
  delivered: number;
  retrying: number;
  failed: number;
}

/** Minutes to wait after the n-th failed attempt: 1, 2, 4, 8, … at most 60. */
export function backoffMs(attempts: number): number {
  return Math.min(2 ** Math.max(attempts - 1, 0), 60) * 60 * 1000;
}

export async function deliverPendingNotifications(options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: 0, retrying: 0, failed: 0 };
  const url = options.url ?? workflowConfigFromEnv().webhookUrl;
  if (!url) return report;
  const now = options.now ?? new Date();
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const claimed = await db.$queryRaw<{ id: string; payload: unknown; attempts: number }[]>`
    UPDATE notifications SET next_attempt_at = ${leaseUntil}
    WHERE id IN (
      SELECT id FROM notifications WHERE status = 'PENDING' AND next_attempt_at <= ${now}
      ORDER BY created_at LIMIT ${options.batch ?? 50} FOR UPDATE SKIP LOCKED)
    RETURNING id, payload, attempts`;

  for (const row of claimed) {
    const attempts = row.attempts + 1;
    const error = await post(url, row.payload);
    if (error === null) {
      await db.notification.update({ where: { id: row.id }, data: { status: "DELIVERED", attempts, deliveredAt: new Date(), lastError: null } });
      report.delivered += 1;
    } else if (attempts >= MAX_ATTEMPTS) {
      await db.notification.update({ where: { id: row.id }, data: { status: "FAILED", attempts, lastError: error } });
      report.failed += 1;
    } else {
      await db.notification.update({
        where: { id: row.id },
        data: { attempts, lastError: error, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) },
      });
      report.retrying += 1;
    }
  }
  return report;
}

/** null when the receiver took it; otherwise a short reason without the URL. */
async function post(url: string, payload: unknown): Promise<string | null> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: "error",
    });
    await response.body?.cancel();
    return response.ok ? null : `The webhook answered HTTP ${response.status}.`;
  } catch (error) {
    const name = (error as Error).name;
    if (name === "TimeoutError" || name === "AbortError") return `The webhook did not answer within ${TIMEOUT_MS / 1000} s.`;
    const code = (error as { cause?: { code?: string } }).cause?.code;
    return `The webhook could not be reached${code ? ` (${code})` : ""}.`;
  }
}
