// The way into the cluster as a row of steps: done, the one Berth waits on, and those still to come.
import type { ProgressStep } from "@/lib/model/provisioning-progress";

const MARK = { done: "✓", current: "…", todo: "" } as const;
const SPOKEN = { done: "done", current: "in progress", todo: "to do" } as const;

export function ProvisioningSteps({ steps }: { steps: ProgressStep[] }) {
  return (
    <ol aria-label="Provisioning steps" className="mt-3 flex flex-wrap gap-x-2 gap-y-2 text-xs">
      {steps.map((step) => (
        <li
          key={step.name}
          aria-current={step.state === "current" ? "step" : undefined}
          className={`flex items-center gap-1 rounded-full border px-2 py-0.5 ${
            step.state === "done"
              ? "border-emerald-300 bg-emerald-50 text-emerald-900"
              : step.state === "current"
                ? "border-sky-400 bg-white font-semibold text-sky-900"
                : "border-slate-200 bg-white text-slate-600"
          }`}
        >
          <span aria-hidden="true">{MARK[step.state]}</span>
          {step.name}
          <span className="sr-only"> ({SPOKEN[step.state]})</span>
        </li>
      ))}
    </ol>
  );
}
