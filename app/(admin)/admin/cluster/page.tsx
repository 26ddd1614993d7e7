import type { Metadata } from "next";
import { CheckboxField } from "@/components/ui/field";
import Link from "next/link";
import { ClusterBanner } from "@/components/admin/cluster-banner";
import { ScanAge } from "@/components/admin/scan-age";
import { LiveAdmin } from "@/components/live/live-admin";
import { OperationForm, TextField } from "@/components/admin/operation-form";
import { QuotaList } from "@/components/workspaces/quota-list";
import { StatusBadge } from "@/components/workspaces/status-badge";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { DriftComparison } from "@/components/admin/drift-comparison";
import { DRIFT_LABELS, driftInWords } from "@/lib/cluster/drift";
import { getClusterOverview, listApprovedWorkspaces } from "@/lib/cluster/overview";
import { UnmanagedAccess } from "@/components/access/unmanaged-access";
import { adoptAccessAction, adoptProfileAction, reapplyWorkspaceAction, removeUnmanagedAccessAction } from "./actions";
import { TableHead } from "@/components/ui/table-head";

export const metadata: Metadata = { title: "Cluster" };

export default async function ClusterPage() {
  const ctx = await requirePageCtx(getClusterOverview);
  const [overview, workspaces] = await Promise.all([getClusterOverview(ctx, {}), listApprovedWorkspaces(ctx, {})]);

  return (
    <>
      <h1 className="text-2xl font-semibold">Cluster</h1>
      <LiveAdmin
        ctx={ctx}
        scope="cluster"
        announcement={`Cluster updated: ${workspaces.filter((w) => w.status === "PROVISIONING").length} provisioning, ${overview.drifted.length} drifted.`}
      />
      <p className="mt-1 text-sm text-slate-600">What the cluster really holds, compared with what Berth approved.</p>
      <ScanAge observedAt={overview.observedAt} source={overview.source} />
      <ClusterBanner overview={overview} />

      <section aria-labelledby="drift-heading" className="mt-8">
        <h2 id="drift-heading" className="text-lg font-semibold">Drift</h2>
        {overview.problem ? (
          <p className="mt-2 text-sm text-slate-600">Unknown while the cluster cannot be read.</p>
        ) : !overview.observedAt ? (
          <p className="mt-2 text-sm text-slate-600">Unknown until the reconciler&apos;s first pass.</p>
        ) : overview.drifted.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No drift: every active workspace matches its approved state.</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {overview.drifted.map((d) => (
              <li key={d.id} aria-label={`Drift ${d.name}`} className="rounded-lg bg-white p-4 shadow-sm">
                <div className="flex flex-wrap items-baseline gap-3">
                  <Link href={`/admin/workspaces/${d.id}`} className="font-mono font-semibold underline">{d.name}</Link>
                  <StatusBadge status={d.status} />
                  <span className="text-sm text-red-800">{d.kinds.map((k) => DRIFT_LABELS[k]).join(" · ")}</span>
                </div>
                {d.observed.error && <p className="mt-2 text-sm text-red-800">Could not be compared: {d.observed.error}</p>}
                {d.observed.deletionTimestamp && <p className="mt-2 text-sm text-slate-700">Namespace Terminating since {d.observed.deletionTimestamp}.</p>}
                {(d.observed.profileHard || d.observed.quotaHard) && (
                  <DriftComparison approved={d.hard} profile={d.observed.profileHard} quota={d.observed.quotaHard} />
                )}
                <div className="mt-3">
                  <OperationForm action={reapplyWorkspaceAction} hidden={{ workspaceId: d.id }} submitLabel={`Re-apply ${d.name}`} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="unmanaged-heading" className="mt-8">
        <h2 id="unmanaged-heading" className="text-lg font-semibold">Unmanaged Profiles</h2>
        <p className="text-sm text-slate-600">In the cluster but not created by Berth (for example through the dashboard&apos;s registration route).</p>
        {overview.unmanaged.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">None found.</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {overview.unmanaged.map((p) => (
              <li key={p.name} aria-label={`Unmanaged ${p.name}`} className="rounded-lg bg-white p-4 shadow-sm">
                <p className="font-mono font-semibold">{p.name}</p>
                <p className="text-sm">Owner: {p.owner ?? "none"}</p>
                <div className="mt-2 max-w-md"><QuotaList hard={p.hard} /></div>
                <div className="mt-3 max-w-md">
                  <OperationForm action={adoptProfileAction} hidden={{ name: p.name }} submitLabel={`Adopt ${p.name}`}>
                    <TextField name="reason" label={`Reason for adopting ${p.name}`} required />
                    <CheckboxField name="suspend" label="Suspend at once (no new pods; data kept)" />
                  </OperationForm>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <UnmanagedAccess ctx={ctx} adopt={adoptAccessAction} remove={removeUnmanagedAccessAction} />

      <section aria-labelledby="workspaces-heading" className="mt-8">
        <h2 id="workspaces-heading" className="text-lg font-semibold">Approved workspaces</h2>
        <table className="mt-3 w-full bg-white text-left text-sm shadow-sm">
          <TableHead columns={["Name", "Owner", "Tier", "Status", "Detail"]} />
          <tbody>
            {workspaces.map((w) => (
              <tr key={w.id} className="border-t border-slate-100">
                <td className="px-4 py-2 font-mono"><Link className="underline" href={`/admin/workspaces/${w.id}`}>{w.name}</Link></td>
                <td className="px-4 py-2">{w.ownerEmail}</td>
                <td className="px-4 py-2">{w.tierName}</td>
                <td className="px-4 py-2"><StatusBadge status={w.status} /></td>
                <td className="px-4 py-2 text-slate-700">{w.provisionStep ?? w.statusMessage ?? (w.drift ? `Drift: ${driftInWords(w.drift)}` : "")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
