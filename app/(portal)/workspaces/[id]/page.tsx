import type { Metadata } from "next";
import { TimeAgo } from "@/components/ui/time-ago";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OperationForm, TextField } from "@/components/admin/operation-form";
import { QuotaFields } from "@/components/workspaces/quota-fields";
import { ProvisioningState } from "@/components/workspaces/provisioning-state";
import { QuotaList } from "@/components/workspaces/quota-list";
import { StatusBadge } from "@/components/workspaces/status-badge";
import { UsageBars } from "@/components/workspaces/usage-bars";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { getWorkspaceUsage } from "@/lib/cluster/overview";
import { NotFoundError } from "@/lib/model/errors";
import { getMyLatestChange } from "@/lib/workspaces/change-queries";
import { getMyRequestHistory } from "@/lib/workspaces/history";
import { getMyWorkspace } from "@/lib/workspaces/queries";
import { WorkspaceGuardrails } from "@/components/guardrails/workspace-guardrails";
import { getWorkspaceGuardrails } from "@/lib/cluster/guardrails-view";
import { askQuotaChangeAction } from "./actions";
import { LatestChange } from "./latest-change";
import { CancelForm, RenewForm } from "./owner-forms";

export const metadata: Metadata = { title: "Workspace" };


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
  "workspace.change_requested": "Quota change requested",
  "workspace.quota_changed": "Quota changed",
  "workspace.change_rejected": "Quota change rejected",
  "workspace.change_cancelled": "Quota change withdrawn",
  "workspace.approvals_reset": "Approvals reset (the quota was edited)",
  "workspace.suspended": "Suspended",
  "workspace.resumed": "Resumed",
  "profile.applied": "Created in the cluster",
  "profile.apply_failed": "Creation in the cluster failed",
};

export default async function WorkspacePage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageCtx(getMyWorkspace);
  const { id } = await params;
  const [workspace, history, latestChange] = await Promise.all([
    getMyWorkspace(ctx, { workspaceId: id }),
    getMyRequestHistory(ctx, { workspaceId: id }),
    getMyLatestChange(ctx, { workspaceId: id }),
  ]).catch((error: unknown) => {
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
        {workspace.expiresAt && <span className="text-sm text-slate-600">Ends <TimeAgo date={workspace.expiresAt} /></span>}
      </div>
      {workspace.status === "PENDING" && <CancelForm workspaceId={workspace.id} />}
      {workspace.status === "REJECTED" && workspace.decisionNote && (
        <p className="mt-4 rounded-md border border-slate-200 bg-white p-3 text-sm">
          <span className="font-medium">Reason for rejection: </span>
          <span className="whitespace-pre-wrap">{workspace.decisionNote}</span>
        </p>
      )}
      <ProvisioningState status={workspace.status} step={workspace.provisionStep} message={null} forAdmin={false} />
      {workspace.status === "EXPIRED" && (
        <p className="mt-4 rounded-md border border-orange-200 bg-orange-50 p-3 text-sm text-orange-900">
          {workspace.statusMessage ?? "This workspace has expired."}
        </p>
      )}
      {workspace.status === "ACTIVE" && workspace.expiresAt && (
        <section className="mt-4 rounded-lg bg-white p-4 shadow-sm">
          <h2 className="font-medium">Renewal</h2>
          {workspace.renewalRequestedAt ? (
            <p className="mt-1 text-sm text-slate-700">Renewal requested <TimeAgo date={workspace.renewalRequestedAt} />; waiting for two admins.</p>
          ) : workspace.renewal && !workspace.renewal.open ? (
            <p className="mt-1 text-sm text-slate-700">{workspace.renewal.reason}</p>
          ) : (
            <RenewForm workspaceId={workspace.id} />
          )}
        </section>
      )}
      {(workspace.status === "ACTIVE" || workspace.status === "SUSPENDED") && (
        <section className="mt-6 rounded-lg bg-white p-4 shadow-sm">
          <h2 className="font-medium">Quota usage</h2>
          <div className="mt-2">
            <UsageBars usage={await getWorkspaceUsage(ctx, { workspaceId: workspace.id })} />
          </div>
        </section>
      )}
      <WorkspaceGuardrails view={await getWorkspaceGuardrails(ctx, { workspaceId: workspace.id })} />
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
      {(workspace.status === "ACTIVE" || workspace.status === "SUSPENDED") && (
        <section aria-labelledby="quota-change-heading" className="mt-4 rounded-lg bg-white p-4 shadow-sm">
          <h2 id="quota-change-heading" className="font-medium">Ask for a quota change</h2>
          <p className="mt-1 text-sm text-slate-600">
            Less quota applies at once. More (a higher limit, a new one, or a field left empty, which means no limit) waits for an
            admin other than you; it takes two admins when it goes above the tier&apos;s maximum or the tier needs two approvals.
          </p>
          {latestChange && <LatestChange change={latestChange} current={workspace.hard} />}
          <div className="mt-3">
            <OperationForm action={askQuotaChangeAction} hidden={{ workspaceId: workspace.id }} submitLabel="Ask for this quota">
              <QuotaFields hard={workspace.hard} />
              <TextField name="reason" label="Reason for the change" required />
            </OperationForm>
          </div>
        </section>
      )}
      <section className="mt-4 rounded-lg bg-white p-4 shadow-sm">
        <h2 className="font-medium">Reason given</h2>
        <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-700">{workspace.reason}</p>
      </section>
      <section className="mt-4 rounded-lg bg-white p-4 shadow-sm" aria-labelledby="history-heading">
        <h2 id="history-heading" className="font-medium">History</h2>
        <ol className="mt-2 space-y-1 text-sm">
          {history.map((entry) => (
            <li key={entry.seq}>
              <TimeAgo date={entry.at} className="text-slate-600" />{" "}
              <span className="font-medium">{HISTORY_LABELS[entry.action] ?? entry.action}</span>
              {entry.by && <span className="text-slate-600"> by {entry.by}</span>}
              {entry.reason && <span className="whitespace-pre-wrap break-words text-slate-600">: {entry.reason}</span>}{" "}
              <span className="font-mono text-xs text-slate-600">{entry.action}</span>
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
