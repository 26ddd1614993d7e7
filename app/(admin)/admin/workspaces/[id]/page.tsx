import type { Metadata } from "next";
import { WorkspaceGuardrails } from "@/components/guardrails/workspace-guardrails";
import { getWorkspaceGuardrails } from "@/lib/cluster/guardrails-view";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConfirmBox, OperationDisclosure } from "@/components/admin/operation-disclosure";
import { OperationForm, TextField } from "@/components/admin/operation-form";
import { DriftComparison } from "@/components/admin/drift-comparison";
import { driftInWords } from "@/lib/cluster/drift";
import { LiveRefresh } from "@/components/live/live-refresh";
import { HistoryList } from "@/components/workspaces/history-list";
import { QuotaFields } from "@/components/workspaces/quota-fields";
import { ProvisioningState } from "@/components/workspaces/provisioning-state";
import { QuotaView } from "@/components/workspaces/quota-view";
import { StatusBadge, statusLabel } from "@/components/workspaces/status-badge";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { readWorkspaceLive } from "@/lib/cluster/live";
import { getWorkspaceForAdmin, getWorkspaceUsage } from "@/lib/cluster/overview";
import { getUsageHistory } from "@/lib/cluster/usage-samples";
import { NotFoundError } from "@/lib/model/errors";
import { foldEmail } from "@/lib/workspaces/governance";
import { getWorkspaceHistoryForAdmin } from "@/lib/workspaces/history";
import { reapplyWorkspaceAction } from "../../cluster/actions";
import {
  decommissionWorkspaceAction,
  editQuotaAction,
  resumeWorkspaceAction,
  suspendWorkspaceAction,
  transferWorkspaceAction,
} from "./actions";

export const metadata: Metadata = { title: "Workspace (admin)" };

export default async function AdminWorkspacePage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageCtx(getWorkspaceForAdmin);
  const { id } = await params;
  const [workspace, history, live] = await Promise.all([
    getWorkspaceForAdmin(ctx, { workspaceId: id }),
    getWorkspaceHistoryForAdmin(ctx, { workspaceId: id }),
    readWorkspaceLive(ctx, { workspaceId: id }),
  ]).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const inCluster = workspace.status === "ACTIVE" || workspace.status === "SUSPENDED";
  const [usage, usageHistory] = inCluster
    ? await Promise.all([getWorkspaceUsage(ctx, { workspaceId: id }), getUsageHistory(ctx, { workspaceId: id })])
    : [null, null];
  const ids = { workspaceId: workspace.id, version: String(workspace.version) };
  const editable = inCluster || workspace.status === "PROVISIONING";
  // A hint only: the operation refuses every party (the requester too) and says why.
  const ownedByMe = foldEmail(ctx.actor.email) === foldEmail(workspace.ownerEmail);

  return (
    <article className="max-w-3xl">
      <Link href="/admin/workspaces" className="text-sm text-brand-700 underline">← Workspaces</Link>
      <h1 className="mt-2 break-words font-mono text-2xl font-semibold">{workspace.name}</h1>
      <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
        <StatusBadge status={workspace.status} />
        <span className="break-all">{workspace.tierName} · owner {workspace.ownerEmail}</span>
      </div>
      <LiveRefresh source={`/api/live?workspaceId=${workspace.id}`} v={live.v} inFlight={live.inFlight} announcement={`${workspace.name} is now: ${statusLabel(workspace.status)}.`} />
      <ProvisioningState status={workspace.status} step={workspace.provisionStep} message={workspace.statusMessage} nextAttemptAt={workspace.nextAttemptAt} forAdmin />
      {workspace.pending && workspace.status !== "PROVISIONING" && workspace.status !== "FAILED" && (
        <p role={workspace.blocked ? "alert" : "status"} className={`mt-4 rounded-md border p-3 text-sm ${workspace.blocked ? "border-red-200 bg-red-50 text-red-900" : "border-sky-200 bg-sky-50 text-sky-900"}`}>
          The latest change is not confirmed by the cluster yet
          {workspace.provisionStep ? ` (${workspace.provisionStep})` : ""}.{workspace.statusMessage ? ` ${workspace.statusMessage}` : ""}
          {workspace.blocked ? " Berth does not retry this on its own: fix the cause, then re-apply." : ""}
        </p>
      )}
      {workspace.drift && (
        <div role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          <p>Drift in the cluster: {driftInWords(workspace.drift)}.</p>
          {usage?.state === "known" && <DriftComparison approved={workspace.effectiveHard} quota={usage.quota.hard} />}
        </div>
      )}

      <QuotaView tierName={workspace.tierName} hard={workspace.hard} usage={usage} history={usageHistory} />
      <WorkspaceGuardrails view={await getWorkspaceGuardrails(ctx, { workspaceId: workspace.id })} />
      {/* Contributors go here, as their own section component. */}

      <section aria-labelledby="ops-heading" className="mt-4 rounded-lg bg-white p-4 shadow-sm">
        <h2 id="ops-heading" className="font-medium">Operations</h2>
        <p className="mt-1 text-sm text-slate-600">Each opens its own form; nothing happens until you confirm it there.</p>
        <div className="mt-3 space-y-2">
          {editable && (
            <OperationDisclosure label="Edit quota…">
              <p className="mb-3 text-sm text-slate-600">
                Less applies at once; a limit below current usage is accepted with a warning. More (a higher limit, a new one, or a removed
                limit) is proposed: another admin approves it in the approval queue, two when it goes above the tier&apos;s maximum or the
                tier needs two approvals.
              </p>
              <OperationForm action={editQuotaAction} hidden={ids} submitLabel="Save quota">
                <QuotaFields hard={workspace.hard} />
                <label className="flex items-start gap-2 text-sm">
                  <input type="checkbox" name="confirmRemove" className="mt-1" />
                  <span>Remove the limits I left empty (no limit: unlimited use of that resource)</span>
                </label>
                <TextField name="reason" label="Reason for the quota change" required />
              </OperationForm>
            </OperationDisclosure>
          )}
          {workspace.status === "ACTIVE" && (
            <OperationDisclosure label="Suspend…" danger>
              <OperationForm action={suspendWorkspaceAction} hidden={ids} submitLabel="Suspend" danger>
                <TextField name="reason" label="Reason for suspending" required />
                <ConfirmBox label="No new pods may start until the workspace is resumed; data is kept." />
              </OperationForm>
            </OperationDisclosure>
          )}
          {workspace.status === "SUSPENDED" && (
            <OperationDisclosure label="Resume…">
              <OperationForm action={resumeWorkspaceAction} hidden={ids} submitLabel="Resume">
                {ownedByMe && <p className="text-sm text-slate-600">You own this workspace: another admin has to resume it.</p>}
                <TextField name="reason" label="Reason for resuming" required />
                <ConfirmBox label="Pods may start again within the quota." />
              </OperationForm>
            </OperationDisclosure>
          )}
          {editable && (
            <OperationDisclosure label="Transfer owner…">
              <OperationForm action={transferWorkspaceAction} hidden={ids} submitLabel="Transfer owner">
                <TextField name="newOwnerEmail" label="New owner's email" required />
                <TextField name="reason" label="Reason for the transfer" required />
                <ConfirmBox label="The new owner becomes the Profile's owner in Kubeflow." />
              </OperationForm>
            </OperationDisclosure>
          )}
          {workspace.status !== "DECOMMISSIONED" && (
            <OperationDisclosure label="Re-apply…">
              <p className="mb-2 text-sm text-slate-600">Writes the approved Profile again; the profile controller then re-syncs the namespace and its quota.</p>
              <OperationForm action={reapplyWorkspaceAction} hidden={{ workspaceId: workspace.id }} submitLabel={`Re-apply ${workspace.name}`}>
                <ConfirmBox label="Overwrite what the cluster holds with the approved state." />
              </OperationForm>
            </OperationDisclosure>
          )}
          {(editable || workspace.status === "FAILED") && (
            <OperationDisclosure label="Decommission…" danger>
              <p className="mb-2 text-sm text-slate-600">Deletes the Profile, and with it the namespace and all its data. The record and its history stay.</p>
              <OperationForm action={decommissionWorkspaceAction} hidden={ids} submitLabel="Decommission" danger>
                <TextField name="confirmName" label={`Type ${workspace.name} to confirm`} required />
                <TextField name="reason" label="Reason for decommissioning" required />
              </OperationForm>
            </OperationDisclosure>
          )}
        </div>
      </section>
      <HistoryList entries={history} />
    </article>
  );
}
