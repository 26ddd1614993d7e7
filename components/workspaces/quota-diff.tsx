// A requested quota next to its tier's values and maximums; differences are marked in
// words as well as colour, so a custom request cannot slip through unnoticed.
import { QUOTA_KEYS, type Hard } from "@/lib/quota/keys";

export function QuotaDiff({ requested, tier, max }: { requested: Hard; tier: Hard; max: Hard }) {
  const keys = QUOTA_KEYS.filter((spec) => requested[spec.key] !== undefined || tier[spec.key] !== undefined);
  return (
    <table className="text-sm">
      <thead>
        <tr className="text-left text-slate-500">
          <th scope="col" className="pr-4 font-medium">Resource</th>
          <th scope="col" className="pr-4 font-medium">Requested</th>
          <th scope="col" className="pr-4 font-medium">Tier</th>
          <th scope="col" className="font-medium">Maximum</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((spec) => {
          const differs = requested[spec.key] !== tier[spec.key];
          return (
            <tr key={spec.key} className={differs ? "bg-amber-100" : undefined}>
              <td className="pr-4">{spec.label}</td>
              <td className="pr-4 font-mono">
                {requested[spec.key] ?? "—"}
                {differs && <span className="ml-1 text-xs font-sans font-semibold text-amber-900">(differs from tier)</span>}
              </td>
              <td className="pr-4 font-mono">{tier[spec.key] ?? "—"}</td>
              <td className="font-mono">{max[spec.key] ?? "—"}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
