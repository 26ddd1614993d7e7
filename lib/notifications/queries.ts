// What admins see of webhook delivery: notifications that failed or are being retried.
import "server-only";
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
