import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TableHead } from "@/components/ui/table-head";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { diffJson } from "@/lib/audit-trail/diff";
import { getAuditEvent } from "@/lib/audit-trail/queries";
import { NotFoundError } from "@/lib/model/errors";
import { actorHref, utc, workspaceHref } from "../../event-table";
import { LogKey } from "../../log-key";
import { ProofSection } from "./proof-section";

export const metadata: Metadata = { title: "Audit event" };

const CHANGE_STYLE = {
  added: "bg-emerald-50",
  removed: "bg-red-50",
  changed: "bg-amber-50",
  unchanged: "",
} as const;

export default async function AuditEventPage({
  params,
  searchParams,
}: {
  params: Promise<{ seq: string }>;
  searchParams: Promise<{ prove?: string | string[] }>;
}) {
  const ctx = await requirePageCtx(getAuditEvent);
  const { seq } = await params;
  const { prove } = await searchParams;
  const event = await getAuditEvent(ctx, { seq }).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const workspace = workspaceHref(event);
  const diff = diffJson(event.before, event.after);
  const fields: [string, string | null][] = [
    ["Time (UTC)", utc(event.occurredAt)],
    ["Action", event.action],
    ["Result", event.errorCode ? `${event.result} (${event.errorCode})` : event.result],
    ["Actor", event.actorEmail ? `${event.actorName ?? ""} <${event.actorEmail}>`.trim() : "anonymous"],
    ["Actor issuer / subject", event.actorIssuer ? `${event.actorIssuer} / ${event.actorSubject}` : null],
    ["Actor's roles then", event.actorRoles.join(", ") || null],
    ["Target", event.targetType ? `${event.targetType} ${event.targetName ?? ""} ${event.targetId ? `(${event.targetId})` : ""}`.trim() : null],
    ["Reason", event.reason],
    ["Request id", event.requestId],
    ["Client address", event.clientAddress],
    ["User agent", event.userAgent],
    ["API server Audit-ID", event.kubeAuditId],
    ["Previous hash", event.prevHash],
    ["Hash", event.hash],
  ];

  return (
    <article>
      <Link href="/audit" className="text-sm text-brand-700 underline">
        ← Audit trail
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">Event {event.seq}</h1>
      <p className="mt-2 flex gap-4 text-sm">
        {event.actorEmail && (
          <Link href={actorHref(event.actorEmail)} className="text-brand-700 underline">
            Other events by {event.actorEmail}
          </Link>
        )}
        {workspace && (
          <Link href={workspace} className="text-brand-700 underline">
            History of workspace {event.targetName ?? event.targetId}
          </Link>
        )}
      </p>
      <dl className="mt-4 grid grid-cols-1 gap-x-4 sm:grid-cols-[12rem_1fr] gap-y-1 rounded-lg bg-white p-4 text-sm shadow-sm">
        {fields.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600">{label}</dt>
            <dd className="whitespace-pre-wrap break-all">{value ?? "—"}</dd>
          </div>
        ))}
      </dl>
      <section className="mt-6">
        <h2 className="font-medium">Before and after</h2>
        {diff.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">This event records no before/after state.</p>
        ) : (
          <table className="mt-2 w-full bg-white text-left text-sm shadow-sm" aria-label="Changes">
            <TableHead columns={["Field", "Before", "After", "Change"]} />
            <tbody>
              {diff.map((row) => (
                <tr key={row.path} className={`border-t border-slate-100 align-top ${CHANGE_STYLE[row.change]}`}>
                  <td className="px-3 py-1.5 font-mono">{row.path}</td>
                  <td className="px-3 py-1.5 font-mono break-all">{row.before ?? ""}</td>
                  <td className="px-3 py-1.5 font-mono break-all">{row.after ?? ""}</td>
                  <td className="px-3 py-1.5">{row.change}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <ProofSection ctx={ctx} seq={event.seq} prove={prove === "1"} />
      <LogKey />
    </article>
  );
}
