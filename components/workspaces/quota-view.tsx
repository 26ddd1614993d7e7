// The workspace's quota in one place: each limit with what is in use (same unit as the limit), and
// usage over time per resource when the reconciler has sampled it. Before the workspace is in the
// cluster, only the limits.
import type { UsageView } from "@/lib/cluster/overview";
import type { UsageHistory } from "@/lib/cluster/usage-samples";
import { QUOTA_KEYS, type Hard } from "@/lib/quota/keys";
import { QuotaList } from "./quota-list";
import { UsageBars } from "./usage-bars";
import { UsageChart } from "./usage-chart";

export function QuotaView({
  tierName,
  hard,
  usage,
  history,
  customJustification,
}: {
  tierName: string;
  hard: Hard;
  usage: UsageView | null;
  history: UsageHistory | null;
  customJustification?: string | null;
}) {
  const charted = history && history.samples.length > 0 ? QUOTA_KEYS.filter((k) => hard[k.key] !== undefined) : [];
  return (
    <section aria-labelledby="quota-heading" className="mt-4 rounded-lg bg-white p-4 shadow-sm">
      <h2 id="quota-heading" className="font-medium">Quota ({tierName})</h2>
      <div className="mt-2">{usage ? <UsageBars usage={usage} /> : <QuotaList hard={hard} />}</div>
      {usage?.state !== "known" && usage && (
        <div className="mt-3">
          <QuotaList hard={hard} />
        </div>
      )}
      {customJustification && (
        <p className="mt-2 text-sm text-slate-700">
          <span className="font-medium">Custom quota, because: </span>
          <span className="whitespace-pre-wrap break-words">{customJustification}</span>
        </p>
      )}
      {history && charted.length > 0 && (
        <div className="mt-4">
          <h3 className="text-sm font-medium">Usage over time</h3>
          <div className="mt-2 grid gap-4 sm:grid-cols-2">
            {charted.map((k) => (
              <UsageChart
                key={k.key}
                label={k.label}
                limit={hard[k.key] ?? "0"}
                from={history.from}
                to={history.to}
                samples={history.samples.map((s) => ({ at: s.at, used: s.used[k.key] }))}
              />
            ))}
          </div>
        </div>
      )}
    </section>
  );
}
