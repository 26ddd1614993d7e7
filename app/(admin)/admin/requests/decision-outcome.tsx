// What became of the request an admin just decided, as the database now records it.
import type { WorkspaceStatus } from "@/lib/model/workspace-status";

export function DecisionOutcome({ name, status, message }: { name: string; status: WorkspaceStatus; message: string | null }) {
  const failed = status === "FAILED";
  const text =
    status === "ACTIVE"
      ? `Approved ${name}. The Profile was applied and the cluster confirmed the workspace.`
      : status === "REJECTED"
        ? `Rejected ${name}. The requester can see your reason.`
        : failed
          ? `Approved ${name}, but the Profile could not be applied: ${message ?? "unknown error"}`
          : status === "PROVISIONING"
            ? `Approved ${name}; still provisioning${message ? `: ${message}` : "."}`
            : `${name}: ${status.toLowerCase()}.`;
  return (
    <p
      role={failed ? "alert" : "status"}
      className={`mt-4 rounded-md border p-3 text-sm ${failed ? "border-red-200 bg-red-50 text-red-800" : "border-emerald-200 bg-emerald-50 text-emerald-900"}`}
    >
      {text}
    </p>
  );
}
