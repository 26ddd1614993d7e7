// The approval card's capacity line: per resource, allocatable on schedulable nodes, quota already
// committed to running workspaces, and the overcommit ratio this approval would lead to, with a
// warning above the configured limit. "Capacity unknown" when the cluster would not say.
import { outlookAfter, type Capacity, type CapacityResource } from "@/lib/cluster/capacity-outlook";
import type { Hard } from "@/lib/quota/keys";

const LABEL: Record<CapacityResource, string> = { cpu: "CPU", memory: "Memory", gpu: "GPUs" };
const GI = 2 ** 30;

function amount(resource: CapacityResource, value: number): string {
  if (resource === "memory") return `${Number((value / GI).toFixed(1))} Gi`;
  return String(Number(value.toFixed(2)));
}

function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : "∞ (none allocatable)";
}

export function CapacityOutlook({ capacity, hard, name }: { capacity: Capacity; hard: Hard; name: string }) {
  if (capacity.state === "unknown") {
    return (
      <p aria-label={`Capacity for ${name}`} className="text-sm text-slate-600">
        Capacity unknown: {capacity.reason}
      </p>
    );
  }
  const rows = outlookAfter(capacity, hard).filter((row) => row.allocatable > 0 || row.requested > 0);
  const warnings = rows.filter((row) => row.warning);
  return (
    <div aria-label={`Capacity for ${name}`} className="text-sm">
      <div className="overflow-x-auto">
        <table className="w-full max-w-xl text-left">
          <caption className="text-left text-slate-600">Cluster capacity after this approval ({capacity.nodes} schedulable nodes)</caption>
          <thead>
            <tr className="text-slate-600">
              <th className="pr-3 font-medium">Resource</th>
              <th className="pr-3 font-medium">Allocatable</th>
              <th className="pr-3 font-medium">Committed</th>
              <th className="pr-3 font-medium">This request</th>
              <th className="font-medium">Ratio after</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.resource} className={row.warning ? "text-red-800" : undefined}>
                <td className="pr-3">{LABEL[row.resource]}</td>
                <td className="pr-3 font-mono">{amount(row.resource, row.allocatable)}</td>
                <td className="pr-3 font-mono">{amount(row.resource, row.committed)}</td>
                <td className="pr-3 font-mono">{amount(row.resource, row.requested)}</td>
                <td className="font-mono">{ratio(row.ratioAfter)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {warnings.map((row) => (
        <p key={row.resource} role="alert" className="mt-1 rounded-md border border-amber-300 bg-amber-50 p-2 text-amber-900">
          {LABEL[row.resource]} would be overcommitted: {ratio(row.ratioAfter)} of allocatable, above the limit of {row.limit}×.
        </p>
      ))}
    </div>
  );
}
