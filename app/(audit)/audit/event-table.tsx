// The trail as a table: each row links to the event, its actor's other events and its workspace.
import Link from "next/link";
import { TableHead } from "@/components/ui/table-head";
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

export function EventTable({ events }: { events: AuditEventView[] }) {
  return (
    <table className="mt-6 w-full bg-white text-left text-sm shadow-sm">
      <TableHead columns={["#", "Time (UTC)", "Actor", "Action", "Target", "Result", "Detail"]} />
      <tbody>
        {events.map((event) => {
          const workspace = workspaceHref(event);
          return (
            <tr key={event.seq} className="border-t border-slate-100 align-top">
              <td className="px-3 py-2">
                <Link href={`/audit/events/${event.seq}`} className="text-brand-700 underline" aria-label={`Event ${event.seq}`}>
                  {event.seq}
                </Link>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{utc(event.occurredAt)}</td>
              <td className="px-3 py-2">
                {event.actorEmail ? (
                  <Link href={actorHref(event.actorEmail)} className="hover:underline">
                    {event.actorEmail}
                  </Link>
                ) : (
                  "anonymous"
                )}
              </td>
              <td className="px-3 py-2 font-mono">{event.action}</td>
              <td className="px-3 py-2">
                {workspace ? (
                  <Link href={workspace} className="hover:underline">
                    {event.targetName ?? event.targetId}
                  </Link>
                ) : (
                  (event.targetName ?? event.targetType ?? "")
                )}
              </td>
              <td className="px-3 py-2">
                {event.result}
                {event.errorCode ? ` (${event.errorCode})` : ""}
              </td>
              <td className="max-w-xs break-words px-3 py-2 text-slate-600">
                {event.reason}
                {event.kubeAuditId && <span className="block text-xs text-slate-500">API audit id {event.kubeAuditId}</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
