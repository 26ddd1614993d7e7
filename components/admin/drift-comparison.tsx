// One drifted workspace's quota side by side: what Berth approved, what the Profile says and what
// kf-resource-quota enforces, each limit on its own row, the ones that differ marked.
import { sameQuantity } from "@/lib/quota/compare";
import { labelOf } from "@/lib/quota/fields";
import type { Hard } from "@/lib/quota/keys";

export function DriftComparison({ approved, profile, quota }: { approved: Hard; profile?: Hard; quota?: Hard }) {
  const keys = [...new Set([...Object.keys(approved), ...Object.keys(profile ?? {}), ...Object.keys(quota ?? {})])].sort();
  const columns = [
    { title: "Approved in Berth", hard: approved as Hard | undefined },
    { title: "Profile in the cluster", hard: profile },
    { title: "kf-resource-quota", hard: quota },
  ].filter((c) => c.hard !== undefined);
  return (
    <table className="mt-2 w-full max-w-2xl text-left text-sm">
      <thead>
        <tr className="text-slate-600">
          <th scope="col" className="py-1 pr-4 font-medium">Limit</th>
          {columns.map((c) => (
            <th key={c.title} scope="col" className="py-1 pr-4 font-medium">{c.title}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => {
          const differs = columns.some((c) => !sameQuantity(c.hard?.[key], approved[key]));
          return (
            <tr key={key} className={differs ? "bg-red-100 font-semibold text-red-900" : ""}>
              <th scope="row" className="py-1 pr-4 font-normal">
                {labelOf(key)}
                {differs && <span className="sr-only"> (differs)</span>}
              </th>
              {columns.map((c) => (
                <td key={c.title} className="py-1 pr-4 font-mono">{c.hard?.[key] ?? "—"}</td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
