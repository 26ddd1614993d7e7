import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { QuotaList } from "@/components/workspaces/quota-list";
import { StatusBadge } from "@/components/workspaces/status-badge";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { NotFoundError } from "@/lib/errors";
import { getMyRequestHistory } from "@/lib/workspaces/history";
import { getMyWorkspace } from "@/lib/workspaces/queries";
import { CancelForm, RenewForm } from "./owner-forms";

export const metadata: Metadata = { title: "Workspace" };

const utc = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

const HISTORY_LABELS: Record<string, string> = {
  "workspace.requested": "Requested",
  "workspace.approval_recorded": "Approval recorded (more needed)",
  "workspace.quota_edited": "Quota changed by an admin",
  "workspace.quota_overridden": "Quota set above the tier's maximum by an admin",
  "workspace.approved": "Approved",
  "workspace.rejected": "Rejected",
  "workspace.cancelled": "Cancelled",
  "workspace.request_expired": "Expired without a decision",
  "workspace.expiry_notice": "End date is near",
  "workspace.expired": "Expired",
  "workspace.renewal_requested": "Renewal requested",
  "workspace.renewed": "Renewed",
  "profile.applied": "Created in the cluster",
  "profile.apply_failed": "Creation in the cluster failed",
};

export default async function WorkspacePage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageCtx(["requester"]);
  const { id } = await params;
  const [workspace, history] = await Promise.all([getMyWorkspace(ctx, id), getMyRequestHistory(ctx, id)]).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });

  return (
    <article className="max-w-2xl">
      <Link href="/workspaces" className="text-sm text-brand-700 underline">
        ← My workspaces
      </Link>
      <h1 className="mt-2 font-mono text-2xl font-semibold">{workspace.name}</h1>
      <div className="mt-2 flex items-center gap-3">
        <StatusBadge status={workspace.status} />
        {workspace.expiresAt && <span className="text-sm text-slate-600">Ends {utc(workspace.expiresAt)}</span>}
      </div>
      {workspace.status === "PENDING" && <CancelForm workspaceId={workspace.id} />}
      {workspace.status === "REJECTED" && workspace.decisionNote && (
        <p className="mt-4 rounded-md border border-slate-200 bg-white p-3 text-sm">
          <span className="font-medium">Reason for rejection: </span>
          <span className="whitespace-pre-wrap">{workspace.decisionNote}</span>
        </p>
      )}
      {workspace.status === "FAILED" && (
        <p className="mt-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          The workspace could not be created in the cluster. The admins have been shown the cause.
        </p>
      )}
      {workspace.status === "EXPIRED" && (
        <p className="mt-4 rounded-md border border-orange-200 bg-orange-50 p-3 text-sm text-orange-900">
          {workspace.statusMessage ?? "This workspace has expired."}
        </p>
      )}
      {workspace.status === "ACTIVE" && workspace.expiresAt && (
        <section className="mt-4 rounded-lg bg-white p-4 shadow-sm">
          <h2 className="font-medium">Renewal</h2>
          {workspace.renewalRequestedAt ? (
            <p className="mt-1 text-sm text-slate-700">Renewal requested {utc(workspace.renewalRequestedAt)}; waiting for two admins.</p>
          ) : (
            <RenewForm workspaceId={workspace.id} />
          )}
        </section>
      )}
      <section className="mt-6 rounded-lg bg-white p-4 shadow-sm">
        <h2 className="font-medium">Quota ({workspace.tierName})</h2>
        <div className="mt-2">
          <QuotaList hard={workspace.hard} />
        </div>
        {workspace.customJustification && (
          <p className="mt-2 text-sm text-slate-700">
            <span className="font-medium">Custom quota, because: </span>
            <span className="whitespace-pre-wrap break-words">{workspace.customJustification}</span>
          </p>
        )}
      </section>
      <section className="mt-4 rounded-lg bg-white p-4 shadow-sm">
        <h2 className="font-medium">Reason given</h2>
        <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-700">{workspace.reason}</p>
      </section>
      <section className="mt-4 rounded-lg bg-white p-4 shadow-sm" aria-labelledby="history-heading">
        <h2 id="history-heading" className="font-medium">History</h2>
        <ol className="mt-2 space-y-1 text-sm">
          {history.map((entry) => (
            <li key={entry.seq}>
              <time dateTime={entry.at.toISOString()} className="text-slate-500">{utc(entry.at)}</time>{" "}
              <span className="font-medium">{HISTORY_LABELS[entry.action] ?? entry.action}</span>
              {entry.by && <span className="text-slate-600"> by {entry.by}</span>}
              {entry.reason && <span className="whitespace-pre-wrap break-words text-slate-600">: {entry.reason}</span>}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
