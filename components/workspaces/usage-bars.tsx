// Quota usage from kf-resource-quota (`status.used` against `hard`) as labelled bars, or a plain
// statement of why it is not known. The words carry the numbers; the bar is a picture of them.
import type { UsageView } from "@/lib/cluster/overview";
import { parseQuantity } from "@/lib/quota/quantity";
import { QUOTA_KEYS } from "@/lib/quota/keys";

function ratio(used: string | undefined, hard: string): number {
  const u = used === undefined ? undefined : parseQuantity(used);
  const h = parseQuantity(hard);
  if (!u?.ok || !h.ok) return 0;
  if (h.value === 0) return u.value > 0 ? 1 : 0;
  return Math.min(1, u.value / h.value);
}

export function UsageBars({ usage }: { usage: UsageView }) {
  if (usage.state === "unreachable") {
    return <p role="status" className="text-sm text-amber-800">The cluster could not be reached, so current usage is unknown.</p>;
  }
  if (usage.state === "missing") {
    return <p className="text-sm text-slate-600">No kf-resource-quota in the cluster for this workspace yet.</p>;
  }
  const { hard, used } = usage.quota;
  const keys = [...QUOTA_KEYS.filter((k) => hard[k.key] !== undefined).map((k) => ({ key: k.key, label: k.label })),
    ...Object.keys(hard).filter((key) => !QUOTA_KEYS.some((k) => k.key === key)).map((key) => ({ key, label: key }))];
  return (
    <ul aria-label="Quota usage" className="space-y-2">
      {keys.map(({ key, label }) => {
        const limit = hard[key] ?? "0";
        const share = ratio(used[key], limit);
        const over = share >= 1;
        return (
          <li key={key} aria-label={`${label}: ${used[key] ?? "0"} of ${limit} used`} className="text-sm">
            <div className="flex justify-between">
              <span className="text-slate-600">{label}</span>
              <span className="font-mono">{used[key] ?? "0"} / {limit}</span>
            </div>
            <div className="mt-1 h-2 rounded bg-slate-100" aria-hidden="true">
              <div className={`h-2 rounded ${over ? "bg-red-600" : "bg-brand-700"}`} style={{ width: `${Math.round(share * 100)}%` }} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
