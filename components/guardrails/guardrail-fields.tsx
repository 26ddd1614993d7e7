"use client";
// The tier form's guardrail fields: Pod Security level (privileged only with the override box) and
// the egress allowlist, one CIDR with optional ports per line. Rendered inside the tier form, whose
// ActionForm keeps what was sent on error and marks bad fields.
import { useField } from "@/components/ui/action-form";
import { CheckboxField, TextField } from "@/components/ui/field";
import { FieldErrors } from "@/components/ui/field-errors";
import { inputClass } from "@/components/ui/styles";
import { POD_SECURITY_LEVELS, POD_SECURITY_TEXT } from "@/lib/model/guardrails";
import { egressAllowText, type TierGuardrails } from "@/lib/tiers/guardrails";

export function GuardrailFields({ guardrails }: { guardrails?: TierGuardrails }) {
  const level = guardrails?.podSecurity ?? "baseline";
  const podSecurity = useField("podSecurity", level);
  return (
    <fieldset>
      <legend className="text-sm font-medium">Guardrails in every workspace</legend>
      <p className="text-xs text-slate-600">
        Written into each workspace namespace with the Profile and checked for drift: Pod Security labels on the namespace and
        the NetworkPolicy <code>berth-egress</code>.
      </p>
      <div className="mt-2">
        <label htmlFor={podSecurity.id} className="block text-sm">Pod Security level</label>
        {/* Keyed by the value: a select keeps its old choice across React's form reset otherwise. */}
        <select
          key={podSecurity.value}
          id={podSecurity.id}
          name="podSecurity"
          defaultValue={podSecurity.value || level}
          className={`${inputClass} max-w-md`}
          aria-invalid={podSecurity.invalid || undefined}
          aria-describedby={podSecurity.describedBy(false)}
        >
          {POD_SECURITY_LEVELS.map((l) => (
            <option key={l} value={l}>{POD_SECURITY_TEXT[l]}</option>
          ))}
        </select>
        <CheckboxField name="privilegedOverride" label="Override: allow privileged (audited)" defaultChecked={level === "privileged"} />
        <FieldErrors id={podSecurity.errorsId} errors={podSecurity.errors} />
      </div>
      <TextField
        name="egressAllow"
        label="Egress allowlist (outside the cluster)"
        rows={3}
        mono
        className="mt-3"
        defaultValue={egressAllowText(guardrails?.egressAllow ?? [])}
        placeholder={"203.0.113.0/24 443\n198.51.100.10/32 53/UDP"}
        help={
          <>
            One CIDR per line, optionally followed by ports (443, 53/UDP). Empty: no internet. Cluster DNS, the workspace&apos;s own
            namespace and Kubeflow&apos;s namespaces are always reachable.
          </>
        }
      />
    </fieldset>
  );
}
