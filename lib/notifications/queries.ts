// What admins see of webhook delivery: notifications that failed or are being retried.
import "server-only";
import type { Ctx } from "@/lib/model/actor";
import { authorize } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";

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

export async function listNotificationProblems(ctx: Ctx): Promise<NotificationProblem[]> {
  await authorize(ctx, ["admin"], { what: "viewing notification delivery" });
  const rows = await db.notification.findMany({
    where: { OR: [{ status: "FAILED" }, { status: "PENDING", attempts: { gt: 0 } }] },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, event: true, status: true, attempts: true, lastError: true, createdAt: true, nextAttemptAt: true, payload: true },
  });
  return rows.map(({ payload, ...row }) => ({ ...row, text: String((payload as { text?: unknown }).text ?? "") }));
}
