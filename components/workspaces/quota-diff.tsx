// A requested quota next to its tier's values and maximums; differences are marked in
// words as well as colour, so a custom request cannot slip through unnoticed. For a change of
// an approved workspace, the quota it has now stands where the tier's values do, and a value
// above the tier's maximum is marked too.
import { keysAbove } from "@/lib/quota/fields";
import { QUOTA_KEYS, type Hard } from "@/lib/quota/keys";

const COLUMNS = {
  request: { first: "Requested", second: "Tier", differs: "differs from tier" },
  change: { first: "Now", second: "Proposed", differs: "changed" },
};

type Props = { requested: Hard; max: Hard } & ({ tier: Hard; current?: undefined } | { current: Hard; tier?: undefined });

export function QuotaDiff({ requested, tier, max, current }: Props) {
  const base = current ?? tier;
  const columns = current ? COLUMNS.change : COLUMNS.request;
  // As the governance policy counts it: a changed value above the maximum, or a limit dropped (no limit at all).
  const raised = current ? keysAbove(requested, max).filter((key) => requested[key] !== current[key]) : [];
  const dropped = current ? Object.keys(current).filter((key) => requested[key] === undefined && max[key] !== undefined) : [];
  const above = new Set([...raised, ...dropped]);
  const keys = QUOTA_KEYS.filter((spec) => requested[spec.key] !== undefined || base[spec.key] !== undefined);
  return (
    <table className="text-sm">
      <thead>
        <tr className="text-left text-slate-500">
          <th scope="col" className="pr-2 sm:pr-4 font-medium">Resource</th>
          <th scope="col" className="pr-2 sm:pr-4 font-medium">{columns.first}</th>
          <th scope="col" className="pr-2 sm:pr-4 font-medium">{columns.second}</th>
          <th scope="col" className="font-medium">Maximum</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((spec) => {
          const differs = requested[spec.key] !== base[spec.key];
          const marked = (
            <>
              {requested[spec.key] ?? "—"}
              {differs && <span className="ml-1 inline-block whitespace-nowrap text-xs font-sans font-semibold text-amber-900">({columns.differs})</span>}
              {above.has(spec.key) && <span className="ml-1 inline-block whitespace-nowrap text-xs font-sans font-semibold text-red-800">(above maximum)</span>}
            </>
          );
          return (
            <tr key={spec.key} className={differs ? "bg-amber-100" : undefined}>
              <td className="pr-2 sm:pr-4">{spec.label}</td>
              <td className="pr-2 sm:pr-4 font-mono">{current ? (base[spec.key] ?? "—") : marked}</td>
              <td className="pr-2 sm:pr-4 font-mono">{current ? marked : (base[spec.key] ?? "—")}</td>
              <td className="font-mono">{max[spec.key] ?? "—"}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
