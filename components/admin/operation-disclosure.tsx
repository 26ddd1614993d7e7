// One operation behind its own button: the form opens only when asked for (native <details>, no
// JavaScript), so the admin workspace page is a list of actions, not a wall of open forms.
import type { ReactNode } from "react";

export function OperationDisclosure({ label, danger = false, children }: { label: string; danger?: boolean; children: ReactNode }) {
  return (
    <details className="group rounded-md border border-slate-200 bg-white">
      <summary
        className={`cursor-pointer list-none rounded-md px-3 py-1.5 text-sm font-medium marker:hidden [&::-webkit-details-marker]:hidden ${
          danger ? "text-red-800 hover:bg-red-50" : "text-brand-700 hover:bg-slate-50"
        }`}
      >
        <span aria-hidden="true" className="mr-1 inline-block transition-transform group-open:rotate-90">›</span>
        {label}
      </summary>
      <div className="border-t border-slate-200 p-3">{children}</div>
    </details>
  );
}

/** A confirmation the browser requires before it submits; unnamed, so it is never sent to the operation. */
export function ConfirmBox({ label }: { label: string }) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="checkbox" required className="mt-1" />
      <span>{label}</span>
    </label>
  );
}
