// Where the person stands against the per-user limits, shown above the request form so that a
// limit is known before anything is typed ("2 of 3 open requests").
import type { RequestLimits } from "@/lib/workspaces/request-policy";

export function RequestLimitsNote({ limits, refusal }: { limits: RequestLimits; refusal: string | null }) {
  return (
    <div
      data-testid="request-limits"
      className={`mt-4 rounded-md border p-3 text-sm ${refusal ? "border-amber-200 bg-amber-50 text-amber-900" : "border-slate-200 bg-white text-slate-700"}`}
    >
      {refusal && <p className="mb-1 font-medium">{refusal}</p>}
      <p>
        {limits.openRequests} of {limits.maxOpenRequests} open requests · {limits.workspaces} of {limits.maxWorkspaces} workspaces ·{" "}
        {limits.lastHour} of {limits.maxPerHour} requests in the last hour
      </p>
    </div>
  );
}
