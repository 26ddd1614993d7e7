// A grant's state in words, with the cluster's side when it is not confirmed yet.
import type { GrantView } from "@/lib/access/queries";

const LABELS: Record<string, string> = {
  PENDING: "Waiting for the owner",
  AWAITING_ADMIN: "Waiting for an admin",
  ACTIVE: "Active",
  REJECTED: "Rejected",
  CANCELLED: "Withdrawn",
  REVOKED: "Removed",
  EXPIRED: "Ended",
};

export function GrantState({ grant }: { grant: Pick<GrantView, "state" | "synced" | "lastError"> }) {
  const applying = (grant.state === "ACTIVE" || grant.state === "REVOKED" || grant.state === "EXPIRED") && !grant.synced;
  return (
    <span className="text-sm">
      {LABELS[grant.state] ?? grant.state}
      {applying && <span className="text-amber-800"> · {grant.lastError ? `cluster not confirmed (${grant.lastError}), retrying` : "applying in the cluster"}</span>}
    </span>
  );
}

export const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "no end date");
