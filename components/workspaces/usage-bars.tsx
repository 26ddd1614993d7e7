// Quota usage from kf-resource-quota (`status.used` against `hard`) as labelled bars, or a plain
// statement of why it is not known. The words carry the numbers; the bar is a picture of them.
import type { UsageView } from "@/lib/cluster/overview";
import { QUOTA_KEYS } from "@/lib/quota/keys";
import { usageInUnits } from "@/lib/quota/usage-units";

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
        const usage = usageInUnits(key, used[key], limit);
        const share = Math.min(1, usage.share);
        const over = share >= 1;
        return (
          <li key={key} aria-label={`${label}: ${usage.used} of ${usage.limit} used`} className="text-sm">
            <div className="flex justify-between gap-2">
              <span className="text-slate-600">{label}</span>
              <span className="font-mono">{usage.text}</span>
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
