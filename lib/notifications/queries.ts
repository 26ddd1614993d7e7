// What admins see of webhook delivery: notifications that failed or are being retried.
import "server-only";
import { workflowConfigFromEnv } from "@/lib/config";
import { db } from "@/lib/db/client";
import { defineOperation, noInput } from "@/lib/operations/define-operation";

export interface NotificationProblem {
  id: string;
  event: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  nextAttemptAt: Date;
  text: string;
}

export const listNotificationProblems = defineOperation({
  name: "notification.list-problems",
  title: "viewing notification delivery",
  roles: ["admin"],
  input: noInput,
  audit: [],
  run: listProblems,
});

async function listProblems(): Promise<NotificationProblem[]> {
  const rows = await db.notification.findMany({
    where: { OR: [{ status: "FAILED" }, { status: "PENDING", attempts: { gt: 0 } }] },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, event: true, status: true, attempts: true, lastError: true, createdAt: true, nextAttemptAt: true, payload: true },
  });
  return rows.map(({ payload, ...row }) => ({ ...row, text: String((payload as { text?: unknown }).text ?? "") }));
}

export interface DeliverySummary {
  /** Whether BERTH_WEBHOOK_URL is set; without it nothing is ever sent, and in-app is the only channel. */
  webhookConfigured: boolean;
  /** Never tried yet. */
  waiting: number;
  /** Tried and failed, trying again. */
  retrying: number;
  failed: number;
  delivered: number;
  oldestWaitingAt: Date | null;
}

export const getDeliverySummary = defineOperation({
  name: "notification.read-delivery",
  title: "viewing notification delivery",
  roles: ["admin"],
  input: noInput,
  audit: [],
  run: readDeliverySummary,
});

async function readDeliverySummary(): Promise<DeliverySummary> {
  // One pass over the (status, next_attempt_at) index; the outbox keeps delivered rows for the in-app inbox.
  const rows = await db.$queryRaw<{ state: string; n: bigint; oldest: Date | null }[]>`
    SELECT CASE WHEN status = 'PENDING' AND attempts = 0 THEN 'waiting' WHEN status = 'PENDING' THEN 'retrying'
                WHEN status = 'FAILED' THEN 'failed' ELSE 'delivered' END AS state,
           count(*) AS n, min(created_at) AS oldest
    FROM notifications GROUP BY 1`;
  const of = (state: string) => rows.find((r) => r.state === state);
  return {
    webhookConfigured: Boolean(workflowConfigFromEnv().webhookUrl),
    waiting: Number(of("waiting")?.n ?? 0),
    retrying: Number(of("retrying")?.n ?? 0),
    failed: Number(of("failed")?.n ?? 0),
    delivered: Number(of("delivered")?.n ?? 0),
    oldestWaitingAt: of("waiting")?.oldest ?? null,
  };
}
