// The admins' configuration-error banner: a 401/403 from the API server needs a fix in Berth's
// RBAC or credentials, so it is shown prominently instead of being retried in a loop.
import Link from "next/link";
import type { ClusterOverview } from "@/lib/cluster/overview";

export function ClusterBanner({ overview }: { overview: Pick<ClusterOverview, "problem" | "blockedByConfiguration"> }) {
  const { problem, blockedByConfiguration } = overview;
  if (!problem && blockedByConfiguration.length === 0) return null;
  const configuration = problem?.configuration || blockedByConfiguration.length > 0;
  return (
    <div role="alert" className={`mt-4 rounded-md border p-3 text-sm ${configuration ? "border-red-300 bg-red-50 text-red-900" : "border-amber-300 bg-amber-50 text-amber-900"}`}>
      <p className="font-medium">{configuration ? "Configuration error" : "Cluster unreachable"}</p>
      {problem && <p>{problem.message}</p>}
      {blockedByConfiguration.length > 0 && (
        <p>
          The API server refused Berth for{" "}
          {blockedByConfiguration.map((w, i) => (
            <span key={w.id}>
              {i > 0 && ", "}
              <Link className="underline" href={`/admin/workspaces/${w.id}`}>{w.name}</Link>
            </span>
          ))}
          . Berth does not retry these on its own: fix the ClusterRole or token, then re-apply.
        </p>
      )}
    </div>
  );
}
