import type { Metadata } from "next";
import Link from "next/link";
import { GrantButton, RejectForm } from "@/components/access/grant-forms";
import { day, GrantState } from "@/components/access/grant-state";
import { listMyAccess, listRequestsForMe } from "@/lib/access/queries";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { approveAccessAction, cancelAccessAction, rejectAccessAction } from "./actions";

export const metadata: Metadata = { title: "Access requests" };

export default async function AccessPage({ searchParams }: { searchParams: Promise<{ asked?: string }> }) {
  const ctx = await requirePageCtx(listRequestsForMe);
  const [forMe, mine, { asked }] = await Promise.all([listRequestsForMe(ctx, {}), listMyAccess(ctx, {}), searchParams]);
  return (
    <section className="max-w-4xl space-y-10">
      {asked && (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          Your request was sent to the workspace&rsquo;s owner.
        </p>
      )}
      <div>
        <h1 className="text-2xl font-semibold">Requests for my workspaces</h1>
        {forMe.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600">Nobody is waiting for access to your workspaces.</p>
        ) : (
          <ul className="mt-4 space-y-3">
            {forMe.map((grant) => (
              <li key={grant.id} className="rounded-md border border-slate-200 bg-white p-4 dark:bg-slate-900">
                <p className="break-all">
                  <span className="font-medium">{grant.subject}</span> asks for <span className="font-medium">{grant.role}</span> access to{" "}
                  <Link href={`/workspaces/${grant.workspaceId}`} className="font-mono text-brand-700 underline">
                    {grant.workspace}
                  </Link>{" "}
                  until {day(grant.endsAt)}
                </p>
                <p className="mt-1 text-sm whitespace-pre-wrap text-slate-700">{grant.reason}</p>
                <p className="mt-1">
                  <GrantState grant={grant} />
                  {grant.approvedBy && <span className="text-sm text-slate-600"> · approved by {grant.approvedBy}</span>}
                </p>
                <div className="mt-3 flex flex-wrap items-start gap-4">
                  <GrantButton action={approveAccessAction} grantId={grant.id} label="Approve" name={`${grant.subject} on ${grant.workspace}`} />
                  <RejectForm action={rejectAccessAction} grantId={grant.id} name={`${grant.subject} on ${grant.workspace}`} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h2 className="text-xl font-semibold">My access to other workspaces</h2>
        <p className="mt-1 text-sm text-slate-600">
          Find a workspace in the{" "}
          <Link href="/directory" className="text-brand-700 underline">
            directory
          </Link>
          .
        </p>
        {mine.length > 0 && (
          <ul className="mt-4 divide-y divide-slate-200 rounded-md border border-slate-200 bg-white dark:bg-slate-900">
            {mine.map((grant) => (
              <li key={grant.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:justify-between">
                <div>
                  <p className="font-mono break-all">{grant.workspace}</p>
                  <p className="text-sm text-slate-600">
                    {grant.role} · until {day(grant.endsAt)} · <GrantState grant={grant} />
                  </p>
                </div>
                {(grant.state === "PENDING" || grant.state === "AWAITING_ADMIN") && (
                  <GrantButton action={cancelAccessAction} grantId={grant.id} label="Withdraw" danger name={`request for ${grant.workspace}`} />
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
