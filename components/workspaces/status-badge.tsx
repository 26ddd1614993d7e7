// A workspace's state in words and colour; the words carry the meaning, not the colour.
import type { WorkspaceStatus } from "@/lib/model/workspace-status";

const STYLES: Record<WorkspaceStatus, { label: string; className: string }> = {
  PENDING: { label: "Pending approval", className: "bg-amber-50 text-amber-800 ring-amber-200" },
  PROVISIONING: { label: "Approved, provisioning", className: "bg-sky-50 text-sky-800 ring-sky-200" },
  ACTIVE: { label: "Active", className: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  REJECTED: { label: "Rejected", className: "bg-slate-100 text-slate-700 ring-slate-200" },
  FAILED: { label: "Provisioning failed", className: "bg-red-50 text-red-800 ring-red-200" },
  CANCELLED: { label: "Cancelled", className: "bg-slate-100 text-slate-700 ring-slate-200" },
  EXPIRED: { label: "Expired", className: "bg-orange-50 text-orange-800 ring-orange-200" },
  SUSPENDED: { label: "Suspended", className: "bg-orange-50 text-orange-800 ring-orange-200" },
  DECOMMISSIONED: { label: "Decommissioned", className: "bg-slate-100 text-slate-700 ring-slate-200" },
};

export function StatusBadge({ status }: { status: WorkspaceStatus }) {
  const style = STYLES[status];
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${style.className}`}>
      {style.label}
    </span>
  );
}

/** The state in words, for announcements. */
export function statusLabel(status: WorkspaceStatus): string {
  return STYLES[status].label;
}
