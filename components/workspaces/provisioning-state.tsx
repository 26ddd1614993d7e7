// Where an approved workspace stands on its way into the cluster: the step it waits on, or the
// last failure and when Berth tries again. Never "active" before the cluster confirmed it.
import { provisioningProgress } from "@/lib/model/provisioning-progress";
import { relativeText } from "@/components/ui/time-ago";
import type { WorkspaceStatus } from "@/lib/model/workspace-status";
import { ProvisioningSteps } from "./provisioning-steps";

/**
 * When Berth tries again, as people read it: never a time already past (an attempt that is due
 * waits only for the next pass), "now" when due, else relative ("in 4 min.").
 */
export function nextAttemptText(nextAttemptAt: Date, now: Date): string {
  if (nextAttemptAt.getTime() - now.getTime() < 60_000) return "Next attempt: now.";
  // The short style ends some units with a period ("4 min."): one is enough.
  return `Next attempt ${relativeText(nextAttemptAt, now).replace(/\.$/, "")}.`;
}

export function ProvisioningState({
  status,
  step,
  message,
  nextAttemptAt,
  forAdmin,
}: {
  status: WorkspaceStatus;
  step: string | null;
  message: string | null;
  nextAttemptAt?: Date | null;
  forAdmin: boolean;
}) {
  const steps = provisioningProgress(status, step);
  if (status === "PROVISIONING" && steps) {
    return (
      <div className="mt-4 rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900">
        <p role="status">
          Approved, provisioning{step ? `: ${step}` : "."}
          {forAdmin && message ? ` Last attempt: ${message}` : ""}
          {forAdmin && nextAttemptAt ? ` ${nextAttemptText(nextAttemptAt, new Date())}` : ""}
        </p>
        <ProvisioningSteps steps={steps} />
      </div>
    );
  }
  if (status === "FAILED") {
    return (
      <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
        {forAdmin ? message ?? "Provisioning failed." : "The workspace could not be created in the cluster. The admins have been shown the cause."}
      </p>
    );
  }
  if (status === "SUSPENDED") {
    return (
      <p role="status" className="mt-4 rounded-md border border-orange-200 bg-orange-50 p-3 text-sm text-orange-900">
        Suspended: data is kept, but no new pods may start until an admin resumes the workspace.
      </p>
    );
  }
  return null;
}
