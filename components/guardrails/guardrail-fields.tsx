// The tier form's guardrail fields: Pod Security level (privileged only with the override box) and
// the egress allowlist, one CIDR with optional ports per line. Rendered inside the tier form.
import { FieldErrors } from "@/components/ui/field-errors";
import { inputClass } from "@/components/ui/styles";
import { POD_SECURITY_LEVELS, POD_SECURITY_TEXT } from "@/lib/model/guardrails";
import { egressAllowText, type TierGuardrails } from "@/lib/tiers/guardrails";

export function GuardrailFields({ guardrails, errors }: { guardrails?: TierGuardrails; errors: Record<string, string[] | undefined> }) {
  const level = guardrails?.podSecurity ?? "baseline";
  return (
    <fieldset>
      <legend className="text-sm font-medium">Guardrails in every workspace</legend>
      <p className="text-xs text-slate-500">
        Written into each workspace namespace with the Profile and checked for drift: Pod Security labels on the namespace and
        the NetworkPolicy <code>berth-egress</code>.
      </p>
      <div className="mt-2">
        <label htmlFor="podSecurity" className="block text-sm">Pod Security level</label>
        <select
          id="podSecurity"
          name="podSecurity"
          defaultValue={level}
          className={`${inputClass} max-w-md`}
          aria-invalid={errors.podSecurity ? true : undefined}
          aria-describedby="podSecurity-errors"
        >
          {POD_SECURITY_LEVELS.map((l) => (
            <option key={l} value={l}>{POD_SECURITY_TEXT[l]}</option>
          ))}
        </select>
        <label className="mt-1 flex items-center gap-2 text-sm">
          <input type="checkbox" name="privilegedOverride" value="on" defaultChecked={level === "privileged"} />
          Override: allow privileged (audited)
        </label>
        <FieldErrors id="podSecurity-errors" errors={errors.podSecurity} />
      </div>
      <div className="mt-3">
        <label htmlFor="egressAllow" className="block text-sm">Egress allowlist (outside the cluster)</label>
        <textarea
          id="egressAllow"
          name="egressAllow"
          rows={3}
          defaultValue={egressAllowText(guardrails?.egressAllow ?? [])}
          placeholder={"203.0.113.0/24 443\n198.51.100.10/32 53/UDP"}
          className={`${inputClass} font-mono text-sm`}
          aria-invalid={errors.egressAllow ? true : undefined}
          aria-describedby="egressAllow-help egressAllow-errors"
        />
        <p id="egressAllow-help" className="mt-1 text-xs text-slate-500">
          One CIDR per line, optionally followed by ports (443, 53/UDP). Empty: no internet. Cluster DNS, the workspace&apos;s
          own namespace and Kubeflow&apos;s namespaces are always reachable.
        </p>
        <FieldErrors id="egressAllow-errors" errors={errors.egressAllow} />
      </div>
    </fieldset>
  );
}
