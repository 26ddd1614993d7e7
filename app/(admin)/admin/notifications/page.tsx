import type { Metadata } from "next";
import { TimeAgo } from "@/components/ui/time-ago";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { listNotificationProblems } from "@/lib/notifications/queries";
import { TableHead } from "@/components/ui/table-head";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const ctx = await requirePageCtx(listNotificationProblems);
  const problems = await listNotificationProblems(ctx, {});
  return (
    <>
      <h1 className="text-2xl font-semibold">Notification delivery</h1>
      <p className="mt-2 text-sm text-slate-600">
        Webhook notifications that failed or are being retried. Users&apos; actions never wait for the webhook.
      </p>
      {problems.length === 0 ? (
        <p className="mt-6 text-slate-600">Every notification was delivered.</p>
      ) : (
        <table className="mt-6 w-full bg-white text-left text-sm shadow-sm">
          <TableHead columns={["Created", "Event", "State", "Attempts", "Last error", "Message"]} />
          <tbody>
            {problems.map((p) => (
              <tr key={p.id} className="border-t border-slate-100">
                <td className="px-4 py-2"><TimeAgo date={p.createdAt} /></td>
                <td className="px-4 py-2 font-mono">{p.event}</td>
                <td className="px-4 py-2">{p.status === "FAILED" ? "Gave up" : `Retrying after ${p.nextAttemptAt.toISOString().slice(11, 16)} UTC`}</td>
                <td className="px-4 py-2">{p.attempts}</td>
                <td className="px-4 py-2">{p.lastError}</td>
                <td className="px-4 py-2 break-words">{p.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
