// The posture page's checks: state, what was found, why it matters and how to fix it.
import type { PostureResult } from "@/lib/cluster/posture-checks";

const BADGE = {
  pass: "bg-emerald-100 text-emerald-900",
  fail: "bg-red-100 text-red-900",
  unknown: "bg-slate-200 text-slate-800",
} as const;

export function PostureList({ checks }: { checks: PostureResult[] }) {
  return (
    <ul className="mt-6 space-y-3">
      {checks.map((check) => (
        <li key={check.id} aria-label={`Check ${check.id}`} className="rounded-lg bg-white p-4 shadow-sm">
          <div className="flex flex-wrap items-baseline gap-3">
            <span className={`rounded px-2 py-0.5 text-xs font-semibold uppercase ${BADGE[check.state]}`}>{check.state}</span>
            <h2 className="font-medium">{check.title}</h2>
          </div>
          <p className="mt-1 break-words text-sm text-slate-800">{check.detail}</p>
          {check.state !== "pass" && (
            <dl className="mt-2 grid gap-1 text-sm sm:grid-cols-[auto_1fr] sm:gap-x-3">
              <dt className="font-medium text-slate-600">Why it matters</dt>
              <dd>{check.why}</dd>
              <dt className="font-medium text-slate-600">How to fix it</dt>
              <dd>{check.fix}</dd>
            </dl>
          )}
        </li>
      ))}
    </ul>
  );
}
