// The trail as a table: each row links to the event, its actor's other events and its workspace.
import Link from "next/link";
import { TableHead } from "@/components/ui/table-head";
import { TimeAgo } from "@/components/ui/time-ago";
import { filterToSearchParams } from "@/lib/audit-trail/filter";
import type { AuditEventView } from "@/lib/audit-trail/queries";

export const utc = (date: Date) => date.toISOString().replace("T", " ").slice(0, 19);

export function actorHref(email: string): string {
  return `/audit?${filterToSearchParams({ actor: email })}`;
}

export function workspaceHref(event: Pick<AuditEventView, "targetType" | "targetId" | "targetName">): string | null {
  if (event.targetType !== "workspace") return null;
  const workspace = event.targetId ?? event.targetName;
  return workspace ? `/audit?${filterToSearchParams({ workspace })}` : null;
}

// Fixed column widths so that the table fits 1280 px whatever a row holds: long values are cut
// with an ellipsis (the whole value is in the cell's title and on the event's own page).
const COLUMNS: [string, string][] = [
  ["#", "w-16"],
  ["Time", "w-28"],
  ["Actor", "w-52"],
  ["Action", "w-52"],
  ["Target", "w-40"],
  ["Result", "w-28"],
  ["Detail", ""],
];

export function EventTable({ events }: { events: AuditEventView[] }) {
  const now = new Date();
  return (
    <div className="mt-6 overflow-x-auto rounded-lg bg-white shadow-sm">
      <table className="w-full min-w-[60rem] table-fixed text-left text-sm">
        <colgroup>
          {COLUMNS.map(([name, width]) => (
            <col key={name} className={width} />
          ))}
        </colgroup>
        <TableHead columns={COLUMNS.map(([name]) => name)} />
        <tbody>
          {events.map((event) => {
            const workspace = workspaceHref(event);
            const target = event.targetName ?? event.targetId ?? event.targetType ?? "";
            return (
              <tr key={event.seq} className="border-t border-slate-100 align-top">
                <td className="px-3 py-2">
                  <Link href={`/audit/events/${event.seq}`} className="text-brand-700 underline" aria-label={`Event ${event.seq}`}>
                    {event.seq}
                  </Link>
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <TimeAgo date={event.occurredAt} now={now} />
                </td>
                <td className="truncate px-3 py-2" title={event.actorEmail ?? undefined}>
                  {event.actorEmail ? (
                    <Link href={actorHref(event.actorEmail)} className="hover:underline">
                      {event.actorEmail}
                    </Link>
                  ) : (
                    "anonymous"
                  )}
                </td>
                <td className="truncate px-3 py-2 font-mono text-xs" title={event.action}>
                  {event.action}
                </td>
                <td className="truncate px-3 py-2" title={target}>
                  {workspace ? (
                    <Link href={workspace} className="hover:underline">
                      {target}
                    </Link>
                  ) : (
                    target
                  )}
                </td>
                <td className="truncate px-3 py-2" title={event.errorCode ? `${event.result} (${event.errorCode})` : event.result}>
                  {event.result}
                  {event.errorCode ? ` (${event.errorCode})` : ""}
                </td>
                <td className="px-3 py-2 text-slate-600">
                  {event.reason && <span className="line-clamp-2 break-words">{event.reason}</span>}
                  {event.kubeAuditId && <span className="block truncate text-xs text-slate-600">API audit id {event.kubeAuditId}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
