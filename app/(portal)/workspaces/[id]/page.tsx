import type { Metadata } from "next";
import { TimeAgo } from "@/components/ui/time-ago";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OperationForm, TextField } from "@/components/admin/operation-form";
import { LiveRefresh } from "@/components/live/live-refresh";
import { HistoryList } from "@/components/workspaces/history-list";
import { QuotaFields } from "@/components/workspaces/quota-fields";
import { ProvisioningState } from "@/components/workspaces/provisioning-state";
import { QuotaView } from "@/components/workspaces/quota-view";
import { StatusBadge, statusLabel } from "@/components/workspaces/status-badge";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { readWorkspaceLive } from "@/lib/cluster/live";
import { getWorkspaceUsage } from "@/lib/cluster/overview";
import { getUsageHistory } from "@/lib/cluster/usage-samples";
import { NotFoundError } from "@/lib/model/errors";
import { formatUtcDay } from "@/lib/model/utc-time";
import { getMyLatestChange } from "@/lib/workspaces/change-queries";
import { getMyRequestHistory } from "@/lib/workspaces/history";
import { getMyWorkspace } from "@/lib/workspaces/queries";
import { WorkspaceGuardrails } from "@/components/guardrails/workspace-guardrails";
import { getWorkspaceGuardrails } from "@/lib/cluster/guardrails-view";
import { ContributorsSection } from "@/components/access/contributors-section";
import {
  addContributorAction,
  approveAccessAction,
  rejectAccessAction,
  removeContributorAction,
  updateListingAction,
} from "../../access/actions";
import { askQuotaChangeAction } from "./actions";
import { LatestChange } from "./latest-change";
import { CancelForm, RenewForm } from "./owner-forms";

export const metadata: Metadata = { title: "Workspace" };

/** States in which the workspace has an end date that still means something. */
const ENDING = new Set(["PROVISIONING", "ACTIVE", "SUSPENDED"]);

export default async function WorkspacePage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageCtx(getMyWorkspace);
  const { id } = await params;
  const [workspace, history, latestChange, live] = await Promise.all([
    getMyWorkspace(ctx, { workspaceId: id }),
    getMyRequestHistory(ctx, { workspaceId: id }),
    getMyLatestChange(ctx, { workspaceId: id }),
    readWorkspaceLive(ctx, { workspaceId: id }),
  ]).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const inCluster = workspace.status === "ACTIVE" || workspace.status === "SUSPENDED";
  const [usage, usageHistory] = inCluster
    ? await Promise.all([getWorkspaceUsage(ctx, { workspaceId: workspace.id }), getUsageHistory(ctx, { workspaceId: workspace.id })])
    : [null, null];
  const renewal = workspace.status === "ACTIVE" && workspace.expiresAt ? workspace.renewal : null;

  return (
    <article className="max-w-2xl">
      <Link href="/workspaces" className="text-sm text-brand-700 underline">
        ← My workspaces
      </Link>
      <h1 className="mt-2 break-words font-mono text-2xl font-semibold">{workspace.name}</h1>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <StatusBadge status={workspace.status} />
        {workspace.expiresAt && ENDING.has(workspace.status) && (
          <span className="text-sm text-slate-600">
            Ends {formatUtcDay(workspace.expiresAt)}
            {renewal && !renewal.open && !workspace.renewalRequestedAt && renewal.opensAt > new Date() ? ` · renewal opens ${formatUtcDay(renewal.opensAt)}` : ""}
          </span>
        )}
        {workspace.kubeflowUrl && (
          <a href={workspace.kubeflowUrl} className="ml-auto rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-900">
            Open in Kubeflow<span className="sr-only"> (namespace {workspace.name})</span>
          </a>
        )}
      </div>
      <LiveRefresh source={`/api/live?workspaceId=${workspace.id}`} v={live.v} inFlight={live.inFlight} announcement={`${workspace.name} is now: ${statusLabel(workspace.status)}.`} />
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
      {renewal && (workspace.renewalRequestedAt || renewal.open || (renewal.opensAt <= new Date())) && (
        <section className="mt-4 rounded-lg bg-white p-4 shadow-sm">
          <h2 className="font-medium">Renewal</h2>
          {workspace.renewalRequestedAt ? (
            <p className="mt-1 text-sm text-slate-700">Renewal requested <TimeAgo date={workspace.renewalRequestedAt} />; waiting for two admins.</p>
          ) : renewal.open ? (
            <RenewForm workspaceId={workspace.id} />
          ) : (
            <p className="mt-1 text-sm text-slate-700">{renewal.reason}</p>
          )}
        </section>
      )}
      <QuotaView tierName={workspace.tierName} hard={workspace.hard} usage={usage} history={usageHistory} customJustification={workspace.customJustification} />
      <WorkspaceGuardrails view={await getWorkspaceGuardrails(ctx, { workspaceId: workspace.id })} />
      {/* Contributors (who else may use this namespace) go here, as their own section component. */}
      {inCluster && (
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
      <HistoryList entries={history} />
      <ContributorsSection
        ctx={ctx}
        workspaceId={workspace.id}
        active={workspace.status === "ACTIVE"}
        actions={{ approve: approveAccessAction, reject: rejectAccessAction, add: addContributorAction, remove: removeContributorAction, listing: updateListingAction }}
      />
    </article>
  );
}
