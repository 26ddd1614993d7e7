// The admins' configuration-error banner: a 401/403 from the API server needs a fix in Berth's
// RBAC or credentials, so it is shown prominently instead of being retried in a loop.
import Link from "next/link";
import type { ClusterOverview } from "@/lib/cluster/overview";

/** Only these mean the API server did not answer; anything else it answered is said as such. */
const UNREACHABLE = ["unreachable", "timeout"];

export function ClusterBanner({ overview }: { overview: Pick<ClusterOverview, "problem" | "blockedByConfiguration"> }) {
  return <ProblemBanner problem={overview.problem} blockedByConfiguration={overview.blockedByConfiguration} />;
}

/** Workspaces the profile controller has not acted on within the provisioning deadline (every admin page). */
export function OverdueBanner({ overdue }: Pick<ClusterOverview, "overdue">) {
  if (overdue.length === 0) return null;
  return (
    <div role="alert" className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
      <p className="font-medium">The profile controller has not acted</p>
      <p>
        Past the provisioning deadline, still waiting:{" "}
        {overdue.map((w, i) => (
          <span key={w.id}>
            {i > 0 && ", "}
            <Link className="underline" href={`/admin/workspaces/${w.id}`}>{w.name}</Link>
          </span>
        ))}
        . Berth keeps checking without re-applying; check that the profile controller is running in the kubeflow namespace.
      </p>
    </div>
  );
}

function ProblemBanner({ problem, blockedByConfiguration }: Pick<ClusterOverview, "problem" | "blockedByConfiguration">) {
  if (!problem && blockedByConfiguration.length === 0) return null;
  const configuration = problem?.configuration || blockedByConfiguration.length > 0;
  const title = configuration ? "Configuration error" : problem && UNREACHABLE.includes(problem.failure) ? "Cluster unreachable" : "Cluster could not be read";
  return (
    <div role="alert" className={`mt-4 rounded-md border p-3 text-sm ${configuration ? "border-red-300 bg-red-50 text-red-900" : "border-amber-300 bg-amber-50 text-amber-900"}`}>
      <p className="font-medium">{title}</p>
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
