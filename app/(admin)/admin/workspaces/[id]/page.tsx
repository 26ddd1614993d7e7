import type { Metadata } from "next";
import { WorkspaceGuardrails } from "@/components/guardrails/workspace-guardrails";
import { getWorkspaceGuardrails } from "@/lib/cluster/guardrails-view";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OperationForm, TextField } from "@/components/admin/operation-form";
import { QuotaFields } from "@/components/workspaces/quota-fields";
import { ProvisioningState } from "@/components/workspaces/provisioning-state";
import { StatusBadge } from "@/components/workspaces/status-badge";
import { UsageBars } from "@/components/workspaces/usage-bars";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { getWorkspaceForAdmin, getWorkspaceUsage } from "@/lib/cluster/overview";
import { NotFoundError } from "@/lib/model/errors";
import { foldEmail } from "@/lib/workspaces/governance";
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
  const workspace = await getWorkspaceForAdmin(ctx, { workspaceId: id }).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const usage = await getWorkspaceUsage(ctx, { workspaceId: id });
  const ids = { workspaceId: workspace.id, version: String(workspace.version) };
  const live = workspace.status === "ACTIVE" || workspace.status === "SUSPENDED";
  const editable = live || workspace.status === "PROVISIONING";
  // A hint only: the operation refuses every party (the requester too) and says why.
  const ownedByMe = foldEmail(ctx.actor.email) === foldEmail(workspace.ownerEmail);

  return (
    <article className="max-w-3xl">
      <Link href="/admin/cluster" className="text-sm text-brand-700 underline">← Cluster</Link>
      <h1 className="mt-2 font-mono text-2xl font-semibold">{workspace.name}</h1>
      <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
        <StatusBadge status={workspace.status} />
        <span>{workspace.tierName} · owner {workspace.ownerEmail}</span>
      </div>
      <ProvisioningState status={workspace.status} step={workspace.provisionStep} message={workspace.statusMessage} nextAttemptAt={workspace.nextAttemptAt} forAdmin />
      {workspace.pending && workspace.status !== "PROVISIONING" && workspace.status !== "FAILED" && (
        <p role={workspace.blocked ? "alert" : "status"} className={`mt-4 rounded-md border p-3 text-sm ${workspace.blocked ? "border-red-200 bg-red-50 text-red-900" : "border-sky-200 bg-sky-50 text-sky-900"}`}>
          The latest change is not confirmed by the cluster yet
          {workspace.provisionStep ? ` (${workspace.provisionStep})` : ""}.{workspace.statusMessage ? ` ${workspace.statusMessage}` : ""}
          {workspace.blocked ? " Berth does not retry this on its own: fix the cause, then re-apply." : ""}
        </p>
      )}
      {workspace.drift && <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">Drift in the cluster: {workspace.drift}</p>}

      <section className="mt-6 rounded-lg bg-white p-4 shadow-sm">
        <h2 className="font-medium">Quota usage</h2>
        <div className="mt-2"><UsageBars usage={usage} /></div>
      </section>
      <WorkspaceGuardrails view={await getWorkspaceGuardrails(ctx, { workspaceId: workspace.id })} />

      {editable && (
        <section aria-labelledby="quota-heading" className="mt-6 rounded-lg bg-white p-4 shadow-sm">
          <h2 id="quota-heading" className="font-medium">Edit quota</h2>
          <p className="mb-3 mt-1 text-sm text-slate-600">
            Less applies at once; a limit below current usage is accepted with a warning. More (a higher limit, a new one, or a field
            left empty, which drops that limit) is proposed: another admin approves it in the approval queue, two when it goes above
            the tier&apos;s maximum or the tier needs two approvals.
          </p>
          <OperationForm action={editQuotaAction} hidden={ids} submitLabel="Save quota">
            <QuotaFields hard={workspace.hard} />
            <TextField name="reason" label="Reason for the quota change" required />
          </OperationForm>
        </section>
      )}

      <section aria-labelledby="ops-heading" className="mt-6 grid gap-4 rounded-lg bg-white p-4 shadow-sm md:grid-cols-2">
        <h2 id="ops-heading" className="font-medium md:col-span-2">Operations</h2>
        {workspace.status === "ACTIVE" && (
          <OperationForm action={suspendWorkspaceAction} hidden={ids} submitLabel="Suspend" danger>
            <TextField name="reason" label="Reason for suspending" required />
          </OperationForm>
        )}
        {workspace.status === "SUSPENDED" && (
          <OperationForm action={resumeWorkspaceAction} hidden={ids} submitLabel="Resume">
            {ownedByMe && <p className="text-sm text-slate-600">You own this workspace: another admin has to resume it.</p>}
            <TextField name="reason" label="Reason for resuming" required />
          </OperationForm>
        )}
        {editable && (
          <OperationForm action={transferWorkspaceAction} hidden={ids} submitLabel="Transfer owner">
            <TextField name="newOwnerEmail" label="New owner's email" required />
            <TextField name="reason" label="Reason for the transfer" required />
          </OperationForm>
        )}
        {workspace.status !== "DECOMMISSIONED" && (
          <OperationForm action={reapplyWorkspaceAction} hidden={{ workspaceId: workspace.id }} submitLabel={`Re-apply ${workspace.name}`} />
        )}
        {(editable || workspace.status === "FAILED") && (
          <div className="md:col-span-2">
            <h3 className="text-sm font-medium text-red-800">Decommission</h3>
            <p className="text-sm text-slate-600">Deletes the Profile, and with it the namespace and all its data. The record and its history stay.</p>
            <OperationForm action={decommissionWorkspaceAction} hidden={ids} submitLabel="Decommission" danger>
              <TextField name="confirmName" label={`Type ${workspace.name} to confirm`} required />
              <TextField name="reason" label="Reason for decommissioning" required />
            </OperationForm>
          </div>
        )}
      </section>
    </article>
  );
}
