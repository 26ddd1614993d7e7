import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProvisioningState } from "@/components/workspaces/provisioning-state";
import { QuotaList } from "@/components/workspaces/quota-list";
import { StatusBadge } from "@/components/workspaces/status-badge";
import { UsageBars } from "@/components/workspaces/usage-bars";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { listMyWorkspaceHistory } from "@/lib/audit/queries";
import { getWorkspaceUsage } from "@/lib/cluster/overview";
import { NotFoundError } from "@/lib/errors";
import { getMyWorkspace } from "@/lib/workspaces/queries";

export const metadata: Metadata = { title: "Workspace" };

export default async function WorkspacePage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageCtx(["requester"]);
  const { id } = await params;
  const workspace = await getMyWorkspace(ctx, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const history = await listMyWorkspaceHistory(ctx, workspace.id);

  return (
    <article className="max-w-2xl">
      <Link href="/workspaces" className="text-sm text-brand-700 underline">
        ← My workspaces
      </Link>
      <h1 className="mt-2 font-mono text-2xl font-semibold">{workspace.name}</h1>
      <div className="mt-2">
        <StatusBadge status={workspace.status} />
      </div>
      {workspace.status === "REJECTED" && workspace.decisionNote && (
        <p className="mt-4 rounded-md border border-slate-200 bg-white p-3 text-sm">
          <span className="font-medium">Reason for rejection: </span>
          <span className="whitespace-pre-wrap">{workspace.decisionNote}</span>
        </p>
      )}
      <ProvisioningState status={workspace.status} step={workspace.provisionStep} message={null} forAdmin={false} />
      {(workspace.status === "ACTIVE" || workspace.status === "SUSPENDED") && (
        <section className="mt-6 rounded-lg bg-white p-4 shadow-sm">
          <h2 className="font-medium">Quota usage</h2>
          <div className="mt-2">
            <UsageBars usage={await getWorkspaceUsage(ctx, workspace.id)} />
          </div>
        </section>
      )}
      <section className="mt-6 rounded-lg bg-white p-4 shadow-sm">
        <h2 className="font-medium">Quota ({workspace.tierName})</h2>
        <div className="mt-2">
          <QuotaList hard={workspace.hard} />
        </div>
      </section>
      <section className="mt-4 rounded-lg bg-white p-4 shadow-sm">
        <h2 className="font-medium">Reason given</h2>
        <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-700">{workspace.reason}</p>
      </section>
      <section className="mt-4 rounded-lg bg-white p-4 shadow-sm" aria-labelledby="history">
        <h2 id="history" className="font-medium">History</h2>
        <ol className="mt-2 space-y-1 text-sm">
          {history.map((event) => (
            <li key={event.seq} className="flex flex-wrap gap-x-3">
              <time dateTime={event.occurredAt.toISOString()} className="text-slate-500">
                {event.occurredAt.toISOString().replace("T", " ").slice(0, 19)} UTC
              </time>
              <span className="font-mono">{event.action}</span>
              <span>{event.result}</span>
              <span className="text-slate-600">{event.actorEmail ?? "anonymous"}</span>
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
