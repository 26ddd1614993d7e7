import type { Metadata } from "next";
import Link from "next/link";
import { TierFilter } from "@/components/admin/tier-filter";
import { LiveAdmin } from "@/components/live/live-admin";
import { TableHead } from "@/components/ui/table-head";
import { inputClass, secondaryButtonClass } from "@/components/ui/styles";
import { StatusBadge, statusLabel } from "@/components/workspaces/status-badge";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { formatUtc } from "@/lib/model/utc-time";
import { WorkspaceStatus } from "@/lib/model/workspace-status";
import { ValidationError } from "@/lib/model/errors";
import { listAllTiers } from "@/lib/tiers/queries";
import { listWorkspacesForAdmin, type AdminListFilter } from "@/lib/workspaces/admin-list";

export const metadata: Metadata = { title: "Workspaces" };

type Search = Partial<Record<"q" | "state" | "tier" | "owner" | "sort" | "after", string>>;

function hrefWith(filter: AdminListFilter, after: string | null): string {
  const params = new URLSearchParams();
  for (const key of ["q", "state", "tier", "owner", "sort"] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (after) params.set("after", after);
  return `/admin/workspaces?${params.toString()}`;
}

export default async function AdminWorkspacesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await requirePageCtx(listWorkspacesForAdmin);
  const search = await searchParams;
  const raw = Object.fromEntries(Object.entries(search).filter(([key, value]) => ["q", "state", "tier", "owner", "sort", "after"].includes(key) && typeof value === "string" && value !== ""));
  const tiers = await listAllTiers(ctx, {});
  const page = await listWorkspacesForAdmin(ctx, raw).catch((error: unknown) => {
    if (error instanceof ValidationError) return { message: error.message };
    throw error;
  });
  const filter: AdminListFilter = "filter" in page ? page.filter : { sort: "name" };

  return (
    <>
      <h1 className="text-2xl font-semibold">Workspaces</h1>
      <LiveAdmin ctx={ctx} scope="workspaces" announcement={"rows" in page ? `Workspaces updated: ${page.rows.filter((r) => r.pending).length} being applied.` : ""} />
      <form method="get" role="search" aria-label="Search workspaces" className="mt-4 flex flex-wrap items-end gap-3 text-sm">
        <div className="min-w-48 flex-1">
          <label htmlFor="ws-q" className="block">Name or owner contains</label>
          <input id="ws-q" name="q" type="search" defaultValue={filter.q ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="ws-state" className="block">State</label>
          <select id="ws-state" name="state" defaultValue={filter.state ?? ""} className={inputClass}>
            <option value="">Any</option>
            {Object.values(WorkspaceStatus).map((status) => (
              <option key={status} value={status}>{statusLabel(status)}</option>
            ))}
          </select>
        </div>
        <TierFilter id="ws-tier" value={filter.tier} tiers={tiers} />
        <div>
          <label htmlFor="ws-owner" className="block">Owner starts with</label>
          <input id="ws-owner" name="owner" defaultValue={filter.owner ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="ws-sort" className="block">Sort by</label>
          <select id="ws-sort" name="sort" defaultValue={filter.sort} className={inputClass}>
            <option value="name">Name</option>
            <option value="updated">Last change</option>
          </select>
        </div>
        <button type="submit" className={secondaryButtonClass}>Search</button>
      </form>
      {"message" in page ? (
        <p role="alert" className="mt-6 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          {page.message} <Link href={hrefWith(filter, null)} className="underline">First page</Link>
        </p>
      ) : page.rows.length === 0 ? (
        <p className="mt-6 text-slate-600">{filter.after ? "No more workspaces." : "No workspace matches."}</p>
      ) : (
        <>
          <div className="mt-4 overflow-x-auto">
            <table className="w-full bg-white text-left text-sm shadow-sm">
              <TableHead columns={["Name", "State", "Tier", "Owner", "Last change"]} />
              <tbody>
                {page.rows.map((row) => (
                  <tr key={row.id} className="border-t border-slate-100">
                    <td className="px-3 py-2 font-mono">
                      <Link href={`/admin/workspaces/${row.id}`} className="underline">{row.name}</Link>
                    </td>
                    <td className="px-3 py-2">
                      <StatusBadge status={row.status} />
                      {row.pending && <span className="ml-2 text-xs text-sky-800">being applied</span>}
                    </td>
                    <td className="px-3 py-2">{row.tierName}</td>
                    <td className="px-3 py-2 break-all">{row.ownerEmail}</td>
                    <td className="px-3 py-2 whitespace-nowrap">{formatUtc(row.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav aria-label="Pages" className="mt-4 flex gap-4 text-sm">
            {filter.after && <Link href={hrefWith(filter, null)} className="text-brand-700 underline">First page</Link>}
            {page.next && <Link href={hrefWith(filter, page.next)} className="text-brand-700 underline">Next page</Link>}
          </nav>
        </>
      )}
    </>
  );
}
