import type { Metadata } from "next";
import { TakesFocus } from "@/components/ui/takes-focus";
import { TimeAgo } from "@/components/ui/time-ago";
import Link from "next/link";
import { StatusBadge } from "@/components/workspaces/status-badge";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { listMyWorkspaces, MY_LIST_PAGE_SIZE } from "@/lib/workspaces/queries";
import { PageLinks } from "@/components/ui/page-links";
import { TableHead } from "@/components/ui/table-head";

export const metadata: Metadata = { title: "My workspaces" };

const pageHref = (page: number) => (page > 1 ? `/workspaces?page=${page}` : "/workspaces");

export default async function MyWorkspacesPage({ searchParams }: { searchParams: Promise<{ requested?: string; page?: string }> }) {
  const ctx = await requirePageCtx(listMyWorkspaces);
  const params = await searchParams;
  const list = await listMyWorkspaces(ctx, { page: params.page || undefined });
  const workspaces = list.items;
  const first = (list.page - 1) * MY_LIST_PAGE_SIZE + 1;

  return (
    <>
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">My workspaces</h1>
        <Link href="/workspaces/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Request a workspace
        </Link>
      </div>
      {params.requested && (
        <TakesFocus>
          <p role="status" className="mt-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
            Your request for &ldquo;{params.requested}&rdquo; was sent to the admins.
          </p>
        </TakesFocus>
      )}
      {workspaces.length === 0 ? (
        <p className="mt-8 text-slate-600">You have no workspaces yet. Request one to get a Kubeflow namespace with its own quota.</p>
      ) : (
        <table className="mt-6 w-full border-collapse overflow-hidden rounded-lg bg-white text-left text-sm shadow-sm">
          <TableHead columns={["Name", "Tier", "Status", "Requested"]} />
          <tbody>
            {workspaces.map((workspace) => (
              <tr key={workspace.id} className="border-t border-slate-100">
                <td className="px-4 py-2 font-mono">
                  <Link href={`/workspaces/${workspace.id}`} className="text-brand-700 underline">
                    {workspace.name}
                  </Link>
                </td>
                <td className="px-4 py-2">{workspace.tierName}</td>
                <td className="px-4 py-2">
                  <StatusBadge status={workspace.status} />
                </td>
                <td className="px-4 py-2 text-slate-600">
                  <TimeAgo date={workspace.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.pageCount > 1 && (
        <>
          <p className="mt-3 text-sm text-slate-600">
            Workspaces {first}–{first + workspaces.length - 1} of {list.total}, newest first.
          </p>
          <PageLinks page={list.page} pageCount={list.pageCount} label="Pages of my workspaces" href={pageHref} />
        </>
      )}
    </>
  );
}
