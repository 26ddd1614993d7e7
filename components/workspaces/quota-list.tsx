// A quota's `hard` limits as a definition list, labelled the way people read them.
import { QUOTA_KEYS, type Hard } from "@/lib/quota/keys";

export function QuotaList({ hard }: { hard: Hard }) {
  const known = QUOTA_KEYS.filter((spec) => hard[spec.key] !== undefined);
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
      {known.map((spec) => (
        <div key={spec.key} className="contents">
          <dt className="text-slate-500">{spec.label}</dt>
          <dd className="font-mono">{hard[spec.key]}</dd>
        </div>
      ))}
    </dl>
  );
}
