import type { Metadata } from "next";
import { TimeAgo } from "@/components/ui/time-ago";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { formatUtc } from "@/lib/model/utc-time";
import { getDeliverySummary, listNotificationProblems } from "@/lib/notifications/queries";
import { TableHead } from "@/components/ui/table-head";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const ctx = await requirePageCtx(listNotificationProblems);
  const [summary, problems] = await Promise.all([getDeliverySummary(ctx, {}), listNotificationProblems(ctx, {})]);
  const counts = [
    { label: "Waiting for a first attempt", value: summary.waiting, testId: "waiting" },
    { label: "Retrying", value: summary.retrying, testId: "retrying" },
    { label: "Gave up", value: summary.failed, testId: "failed" },
    { label: "Delivered", value: summary.delivered, testId: "delivered" },
  ];
  return (
    <>
      <h1 className="text-2xl font-semibold">Notification delivery</h1>
      <p className="mt-2 text-sm text-slate-600">
        Every notification is shown in the app to the people it concerns (the bell), and sent to the webhook. Users&apos; actions never
        wait for the webhook.
      </p>
      {!summary.webhookConfigured && (
        <p role="status" className="mt-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          No webhook is configured (<code>BERTH_WEBHOOK_URL</code>), so nothing is sent: notifications are shown in the app only.
          {summary.waiting > 0 ? ` ${summary.waiting} wait${summary.waiting === 1 ? "s" : ""} to be sent once a webhook is configured.` : ""}
        </p>
      )}
      <dl aria-label="Delivery counts" className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {counts.map((c) => (
          <div key={c.label} className="rounded-lg bg-white p-3 shadow-sm" data-testid={`delivery-${c.testId}`}>
            <dt className="text-xs text-slate-600">{c.label}</dt>
            <dd className="text-xl font-semibold">{c.value}</dd>
          </div>
        ))}
      </dl>
      {summary.webhookConfigured && summary.waiting > 0 && summary.oldestWaitingAt && (
        <p className="mt-3 text-sm text-slate-600">The oldest waiting notification was written {formatUtc(summary.oldestWaitingAt)}.</p>
      )}
      <h2 className="mt-6 font-medium">Failed or retrying</h2>
      {problems.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">None: no delivery attempt has failed.</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full bg-white text-left text-sm shadow-sm">
            <TableHead columns={["Created", "Event", "State", "Attempts", "Last error", "Message"]} />
            <tbody>
              {problems.map((p) => (
                <tr key={p.id} className="border-t border-slate-100">
                  <td className="px-4 py-2"><TimeAgo date={p.createdAt} /></td>
                  <td className="px-4 py-2 font-mono">{p.event}</td>
                  <td className="px-4 py-2">{p.status === "FAILED" ? "Gave up" : `Retrying after ${formatUtc(p.nextAttemptAt)}`}</td>
                  <td className="px-4 py-2">{p.attempts}</td>
                  <td className="px-4 py-2">{p.lastError}</td>
                  <td className="px-4 py-2 break-words">{p.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
