import type { Metadata } from "next";
import { TakesFocus } from "@/components/ui/takes-focus";
import { TimeAgo } from "@/components/ui/time-ago";
import Link from "next/link";
import { LiveAdmin } from "@/components/live/live-admin";
import { FormMessage } from "@/components/ui/form-message";
import { QuotaDiff } from "@/components/workspaces/quota-diff";
import { StatusBadge, statusLabel } from "@/components/workspaces/status-badge";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { getWorkspaceForAdmin } from "@/lib/cluster/overview";
import type { Ctx } from "@/lib/model/actor";
import { NotFoundError } from "@/lib/model/errors";
import { listAllTiers } from "@/lib/tiers/queries";
import { listPendingChanges } from "@/lib/workspaces/change-queries";
import { appliedChangeState } from "@/lib/workspaces/outcome-message";
import { listRecentDecisions } from "@/lib/workspaces/queries";
import { getQueueItem, getRenewalOutcome, listApprovalQueue, listPendingRenewals, QUEUE_PAGE_SIZE } from "@/lib/workspaces/queue";
import { ChangeForms } from "./change-forms";
import { DecisionForms } from "./decision-forms";
import { DecisionOutcome } from "./decision-outcome";
import { QueueFilters } from "./queue-filters";
import { QueuePages } from "./queue-pages";
import { RenewalForm } from "./renewal-forms";
import { TableHead } from "@/components/ui/table-head";
import { CapacityOutlook } from "@/components/guardrails/capacity-outlook";
import { GuardrailSummary } from "@/components/guardrails/guardrail-summary";
import { getCapacity } from "@/lib/cluster/capacity";

export const metadata: Metadata = { title: "Approval queue" };

type Search = {
  decided?: string;
  renewed?: string;
  changeApplied?: string;
  changeRejected?: string;
  tier?: string;
  requester?: string;
  name?: string;
  minAgeDays?: string;
  page?: string;
};

/** The workspace a quota decision was just made on, read back from the database; none for an id that names none. */
async function decidedChange(ctx: Ctx, workspaceId: string | undefined) {
  if (!workspaceId) return null;
  return getWorkspaceForAdmin(ctx, { workspaceId }).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
}

export default async function ApprovalQueuePage({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await requirePageCtx(listApprovalQueue);
  const params = await searchParams;
  const [{ input: filter, result: queue }, recent, renewals, changes, tiers, changeApplied, changeRejected, capacity] = await Promise.all([
    listApprovalQueue.execute(ctx, {
      tier: params.tier || undefined,
      requester: params.requester || undefined,
      name: params.name || undefined,
      minAgeDays: params.minAgeDays || undefined,
      page: params.page || undefined,
    }),
    listRecentDecisions(ctx, {}),
    listPendingRenewals(ctx, {}),
    listPendingChanges(ctx, {}),
    listAllTiers(ctx, {}),
    decidedChange(ctx, params.changeApplied),
    decidedChange(ctx, params.changeRejected),
    getCapacity(ctx, {}),
  ]);
  const pending = queue.items;
  const first = (queue.page - 1) * QUEUE_PAGE_SIZE + 1;
  const decided = recent.find((workspace) => workspace.id === params.decided);
  // A first approval of a two-approval request: the request may be on any page of the queue.
  const awaiting = params.decided && !decided ? await getQueueItem(ctx, { workspaceId: params.decided }) : null;
  const renewed = params.renewed ? await getRenewalOutcome(ctx, { workspaceId: params.renewed }) : null;

  return (
    <>
      <h1 className="text-2xl font-semibold">Approval queue</h1>
      <LiveAdmin
        ctx={ctx}
        scope="queue"
        announcement={`Queue updated: ${queue.total} request${queue.total === 1 ? "" : "s"} waiting${decided ? `; ${decided.name} is ${statusLabel(decided.status).toLowerCase()}` : ""}.`}
      />
      <TakesFocus>
      {decided && <DecisionOutcome name={decided.name} status={decided.status} message={decided.statusMessage} />}
      {awaiting && (
        <p role="status" className="mt-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          Your approval of {awaiting.name} was recorded ({awaiting.approvedBy.length} of {awaiting.required}). A second admin has to approve it.
        </p>
      )}
      {renewed && (
        <p role="status" className="mt-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          Renewed {renewed.name} until {renewed.expiresAt?.toISOString().slice(0, 10) ?? "—"}.
        </p>
      )}
      {changeApplied && (
        <div className="mt-4">
          <FormMessage state={appliedChangeState(changeApplied)} />
        </div>
      )}
      {changeRejected && (
        <p role="status" className="mt-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          Rejected the quota change of {changeRejected.name}. The owner can read your reason.
        </p>
      )}
      </TakesFocus>
      <QueueFilters filter={filter} tiers={tiers} />
      {queue.total > 0 && (
        <p className="mt-4 text-sm text-slate-600" data-testid="queue-range">
          {queue.pageCount > 1 ? `Requests ${first}–${first + pending.length - 1} of ${queue.total}, oldest first.` : `${queue.total} request${queue.total === 1 ? "" : "s"}, oldest first.`}
        </p>
      )}
      <QueuePages filter={filter} page={queue.page} pageCount={queue.pageCount} label="Queue pages, top" />
      {pending.length === 0 ? (
        <p className="mt-6 text-slate-600">No requests are waiting.</p>
      ) : (
        <ul className="mt-6 space-y-4">
          {pending.map((request) => (
            <li key={request.id} aria-label={`Request ${request.name}`} className="rounded-lg bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-baseline gap-3">
                <h2 className="font-mono text-lg font-semibold">{request.name}</h2>
                <span className="text-sm text-slate-600">
                  {request.tier.name} · requested by {request.requesterName ?? request.requesterEmail} ({request.requesterEmail}) ·{" "}
                  <TimeAgo date={request.createdAt} />
                </span>
                {request.customJustification && <span className="rounded bg-amber-100 px-1.5 text-xs font-semibold text-amber-900">Custom quota</span>}
              </div>
              <p className="mt-2 whitespace-pre-wrap break-words text-sm text-slate-800">{request.reason}</p>
              {request.customJustification && (
                <p className="mt-1 whitespace-pre-wrap break-words text-sm text-amber-900">
                  <span className="font-medium">Justification for the custom quota: </span>
                  {request.customJustification}
                </p>
              )}
              <div className="mt-3">
                <QuotaDiff requested={request.hard} tier={request.tier.hard} max={request.tier.maxHard} />
              </div>
              <div className="mt-3">
                <GuardrailSummary guardrails={request.tier.guardrails} containerDefaults={request.tier.containerDefaults} />
              </div>
              <div className="mt-3">
                <CapacityOutlook capacity={capacity} hard={request.hard} name={request.name} />
              </div>
              <p className="mt-2 text-sm text-slate-600">
                Approvals: {request.approvedBy.length} of {request.required}
                {request.approvedBy.length > 0 && ` (${request.approvedBy.join(", ")})`}
                {request.required > 1 && ` · two admins: ${request.requiredWhy}`}
              </p>
              <p className="text-sm text-slate-600">
                Requester&apos;s workspaces:{" "}
                {request.otherWorkspaces.length === 0 ? "none" : request.otherWorkspaces.map((w) => `${w.name} (${w.status.toLowerCase()})`).join(", ")}
                {request.otherWorkspaceCount > request.otherWorkspaces.length && (
                  <>
                    {" "}and {request.otherWorkspaceCount - request.otherWorkspaces.length} more (
                    <Link href={`/admin/workspaces?owner=${encodeURIComponent(request.requesterEmail)}`} className="text-brand-700 underline">
                      all {request.otherWorkspaceCount}<span className="sr-only"> workspaces of {request.requesterEmail}</span>
                    </Link>
                    )
                  </>
                )}
              </p>
              <div className="mt-4">
                <DecisionForms
                  workspaceId={request.id}
                  name={request.name}
                  ownRequest={request.requestedByMe}
                  approvedByMe={request.approvedByMe}
                  hard={request.hard}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
      <QueuePages filter={filter} page={queue.page} pageCount={queue.pageCount} label="Queue pages, bottom" />
      <h2 className="mt-10 text-lg font-semibold">Quota changes</h2>
      {changes.length === 0 ? (
        <p className="mt-3 text-slate-600">No quota changes are waiting.</p>
      ) : (
        <ul className="mt-3 space-y-4">
          {changes.map((change) => (
            <li key={change.id} aria-label={`Quota change ${change.workspaceName}`} className="rounded-lg bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <h3 className="font-mono text-lg font-semibold">
                  <Link href={`/admin/workspaces/${change.workspaceId}`} className="text-brand-700 underline">
                    {change.workspaceName}
                  </Link>
                </h3>
                <span className="text-sm text-slate-600">
                  {change.tier.name} · owner {change.ownerEmail} · proposed by {change.proposedBy} · <TimeAgo date={change.createdAt} />
                </span>
              </div>
              <p className="mt-2 whitespace-pre-wrap break-words text-sm text-slate-800">{change.reason}</p>
              <div className="mt-3 overflow-x-auto">
                <QuotaDiff requested={change.proposed} current={change.current} max={change.tier.maxHard} />
              </div>
              <p className="mt-2 text-sm text-slate-600">
                Approvals: {change.approvedBy.length} of {change.required}
                {change.approvedBy.length > 0 && ` (by ${change.approvedBy.join(", ")})`}
              </p>
              <div className="mt-4">
                <ChangeForms changeId={change.id} name={change.workspaceName} notYours={change.notYours} approvedByMe={change.approvedByMe} />
              </div>
            </li>
          ))}
        </ul>
      )}
      {renewals.length > 0 && (
        <>
          <h2 className="mt-10 text-lg font-semibold">Renewals waiting for approval</h2>
          <ul className="mt-3 space-y-3">
            {renewals.map((renewal) => (
              <li key={renewal.id} aria-label={`Renewal ${renewal.name}`} className="rounded-lg bg-white p-4 shadow-sm">
                <p className="text-sm">
                  <span className="font-mono font-semibold">{renewal.name}</span> of {renewal.ownerEmail}, ends {renewal.expiresAt?.toISOString().slice(0, 10)} ·
                  approvals: {renewal.approvedBy.length} of 2{renewal.approvedBy.length > 0 && ` (${renewal.approvedBy.join(", ")})`}
                </p>
                <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-700">{renewal.renewalReason}</p>
                {renewal.ownedByMe ? (
                  <p className="text-sm text-slate-600">This is your own workspace: other admins decide its renewal.</p>
                ) : (
                  <RenewalForm workspaceId={renewal.id} name={renewal.name} />
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2 className="mt-10 text-lg font-semibold">Recent decisions</h2>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full bg-white text-left text-sm shadow-sm">
          <TableHead columns={["Name", "Requester", "Status", "Detail"]} />
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
      </div>
    </>
  );
}
