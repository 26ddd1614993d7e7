import type { Metadata } from "next";
import Link from "next/link";
import { MarkReadForm } from "@/components/notifications/mark-read-form";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { listMyNotifications } from "@/lib/notifications/inbox";
import { formatUtc } from "@/lib/model/utc-time";
import { markReadAction } from "./actions";

export const metadata: Metadata = { title: "Notifications" };

export default async function MyNotificationsPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const ctx = await requirePageCtx(listMyNotifications);
  const { before } = await searchParams;
  const { entries, next } = await listMyNotifications(ctx, before ? { before } : {});
  const unread = entries.filter((entry) => !entry.read).length;

  return (
    <article className="max-w-3xl">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Notifications</h1>
        {unread > 0 && <MarkReadForm action={markReadAction} label="Mark all read" />}
      </div>
      <p className="mt-2 text-sm text-slate-600">
        What happened to your workspaces{ctx.actor.roles.includes("admin") ? ", and new requests for the admins" : ""}.
      </p>
      {entries.length === 0 ? (
        <p className="mt-6 text-slate-600">No notifications yet.</p>
      ) : (
        <ul aria-label="Notifications" className="mt-4 divide-y divide-slate-100 rounded-lg bg-white shadow-sm">
          {entries.map((entry) => (
            <li key={entry.id} className="flex flex-wrap items-start gap-3 p-4" data-read={entry.read ? "yes" : "no"}>
              <span aria-hidden="true" className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${entry.read ? "bg-transparent" : "bg-brand-600"}`} />
              <div className="min-w-0 flex-1">
                <p className={`break-words text-sm ${entry.read ? "text-slate-600" : "font-medium"}`}>
                  {!entry.read && <span className="sr-only">Unread: </span>}
                  <Link href={entry.href} className="underline decoration-slate-300 hover:text-brand-700">{entry.text}</Link>
                </p>
                <time dateTime={entry.createdAt.toISOString()} className="text-xs text-slate-500">{formatUtc(entry.createdAt)}</time>
              </div>
              {!entry.read && <MarkReadForm action={markReadAction} notificationId={entry.id} label="Mark read" />}
            </li>
          ))}
        </ul>
      )}
      {next && (
        <p className="mt-4 text-sm">
          <Link href={`/notifications?before=${next}`} className="text-brand-700 underline">Older notifications</Link>
        </p>
      )}
    </article>
  );
}
