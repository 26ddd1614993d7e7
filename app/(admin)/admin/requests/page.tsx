import type { Metadata } from "next";
import { QuotaList } from "@/components/workspaces/quota-list";
import { StatusBadge } from "@/components/workspaces/status-badge";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { listPendingRequests, listRecentDecisions } from "@/lib/workspaces/queries";
import { DecisionForms } from "./decision-forms";
import { DecisionOutcome } from "./decision-outcome";

export const metadata: Metadata = { title: "Approval queue" };

export default async function ApprovalQueuePage({ searchParams }: { searchParams: Promise<{ decided?: string }> }) {
  const ctx = await requirePageCtx(["admin"]);
  const [pending, recent, { decided }] = await Promise.all([listPendingRequests(ctx), listRecentDecisions(ctx), searchParams]);
  const outcome = recent.find((workspace) => workspace.id === decided);

  return (
    <>
      <h1 className="text-2xl font-semibold">Approval queue</h1>
      {outcome && <DecisionOutcome name={outcome.name} status={outcome.status} message={outcome.statusMessage} />}
      {pending.length === 0 ? (
        <p className="mt-6 text-slate-600">No requests are waiting.</p>
      ) : (
        <ul className="mt-6 space-y-4">
          {pending.map((request) => (
            <li key={request.id} aria-label={`Request ${request.name}`} className="rounded-lg bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-baseline gap-3">
                <h2 className="font-mono text-lg font-semibold">{request.name}</h2>
                <span className="text-sm text-slate-600">
                  {request.tierName} · requested by {request.requesterName ?? request.requesterEmail} ({request.requesterEmail})
                </span>
              </div>
              <p className="mt-2 whitespace-pre-wrap break-words text-sm text-slate-800">{request.reason}</p>
              <div className="mt-3 max-w-md">
                <QuotaList hard={request.hard} />
              </div>
              <div className="mt-4">
                <DecisionForms workspaceId={request.id} name={request.name} ownRequest={request.requestedByMe} />
              </div>
            </li>
          ))}
        </ul>
      )}
      <h2 className="mt-10 text-lg font-semibold">Recent decisions</h2>
      <table className="mt-3 w-full bg-white text-left text-sm shadow-sm">
        <thead className="bg-slate-100 text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Name</th>
            <th scope="col" className="px-4 py-2 font-medium">Requester</th>
            <th scope="col" className="px-4 py-2 font-medium">Status</th>
            <th scope="col" className="px-4 py-2 font-medium">Detail</th>
          </tr>
        </thead>
        <tbody>
          {recent.map((workspace) => (
            <tr key={workspace.id} className="border-t border-slate-100">
              <td className="px-4 py-2 font-mono">{workspace.name}</td>
              <td className="px-4 py-2">{workspace.requesterEmail}</td>
              <td className="px-4 py-2"><StatusBadge status={workspace.status} /></td>
              <td className="px-4 py-2 text-slate-700">{workspace.statusMessage ?? workspace.decisionNote ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
