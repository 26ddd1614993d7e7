// The workspace page's guardrails section: what the namespace holds besides the quota, and any
// guardrail drift the last scan found (admins re-apply from the Cluster page).
import { DRIFT_LABELS } from "@/lib/cluster/drift";
import type { WorkspaceGuardrailsView } from "@/lib/cluster/guardrails-view";
import { GuardrailSummary } from "./guardrail-summary";

export function WorkspaceGuardrails({ view }: { view: WorkspaceGuardrailsView }) {
  return (
    <section aria-labelledby="guardrails-heading" className="mt-6 rounded-lg bg-white p-4 shadow-sm">
      <h2 id="guardrails-heading" className="font-medium">Guardrails</h2>
      <div className="mt-2">
        <GuardrailSummary guardrails={view.guardrails} containerDefaults={view.containerDefaults} egressNamespaces={view.egressNamespaces} />
      </div>
      {view.drift.length > 0 && (
        <p role="status" className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
          Changed in the cluster: {view.drift.map((kind) => DRIFT_LABELS[kind]).join(" · ")}. An admin can re-apply them.
        </p>
      )}
    </section>
  );
}
