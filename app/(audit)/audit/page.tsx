import type { Metadata } from "next";
import Link from "next/link";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { listAuditEvents } from "@/lib/audit/queries";
import { ValidationError } from "@/lib/errors";

export const metadata: Metadata = { title: "Audit trail" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const ctx = await requirePageCtx(["auditor", "admin"]);
  const { before } = await searchParams;
  const page = await listAuditEvents(ctx, { cursor: before, limit: 50 }).catch((error: unknown) => {
    if (error instanceof ValidationError) return null;
    throw error;
  });
  if (!page) {
    return <p role="alert" className="text-red-800">That page link is not valid. <Link href="/audit" className="underline">Start from the newest events.</Link></p>;
  }

  return (
    <>
      <h1 className="text-2xl font-semibold">Audit trail</h1>
      <p className="mt-1 text-sm text-slate-600">Newest first. Every change and every refused attempt is recorded here.</p>
      <table className="mt-6 w-full bg-white text-left text-sm shadow-sm">
        <thead className="bg-slate-100 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">#</th>
            <th scope="col" className="px-3 py-2 font-medium">Time (UTC)</th>
            <th scope="col" className="px-3 py-2 font-medium">Actor</th>
            <th scope="col" className="px-3 py-2 font-medium">Action</th>
            <th scope="col" className="px-3 py-2 font-medium">Target</th>
            <th scope="col" className="px-3 py-2 font-medium">Result</th>
            <th scope="col" className="px-3 py-2 font-medium">Detail</th>
          </tr>
        </thead>
        <tbody>
          {page.events.map((event) => (
            <tr key={event.seq} className="border-t border-slate-100 align-top">
              <td className="px-3 py-2 text-slate-500">{event.seq}</td>
              <td className="px-3 py-2 whitespace-nowrap">{event.occurredAt.toISOString().replace("T", " ").slice(0, 19)}</td>
              <td className="px-3 py-2">{event.actorEmail ?? "anonymous"}</td>
              <td className="px-3 py-2 font-mono">{event.action}</td>
              <td className="px-3 py-2">{event.targetName ?? ""}</td>
              <td className="px-3 py-2">{event.result}{event.errorCode ? ` (${event.errorCode})` : ""}</td>
              <td className="max-w-xs break-words px-3 py-2 text-slate-600">
                {event.reason}
                {event.kubeAuditId && <span className="block text-xs text-slate-500">API audit id {event.kubeAuditId}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.nextCursor && (
        <Link href={`/audit?before=${page.nextCursor}`} className="mt-4 inline-block text-brand-700 underline">
          Older events
        </Link>
      )}
    </>
  );
}
