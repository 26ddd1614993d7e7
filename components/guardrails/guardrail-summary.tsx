// What a workspace's guardrails are, in words: Pod Security level, where its pods may send traffic,
// and the container defaults. Shown on tiers, the request form, approval cards and workspace pages.
import type { ContainerDefaults } from "@/lib/tiers/container-defaults";
import type { TierGuardrails } from "@/lib/tiers/guardrails";

function ports(rule: TierGuardrails["egressAllow"][number]): string {
  return rule.ports.length ? rule.ports.map((p) => (p.protocol === "TCP" ? String(p.port) : `${p.port}/${p.protocol}`)).join(", ") : "all ports";
}

function defaultsText(defaults: ContainerDefaults): string {
  const part = (values: { cpu?: string; memory?: string }) =>
    [values.cpu && `CPU ${values.cpu}`, values.memory && `memory ${values.memory}`].filter(Boolean).join(", ");
  return [part(defaults.defaultRequest) && `requests ${part(defaults.defaultRequest)}`, part(defaults.default) && `limits ${part(defaults.default)}`]
    .filter(Boolean)
    .join("; ");
}

export function GuardrailSummary({
  guardrails,
  containerDefaults,
  egressNamespaces,
  compact = false,
}: {
  guardrails: TierGuardrails;
  containerDefaults?: ContainerDefaults | null;
  /** The in-cluster namespaces every workspace may reach; left out where the reader needs no list. */
  egressNamespaces?: string[];
  compact?: boolean;
}) {
  const internet =
    guardrails.egressAllow.length === 0
      ? "no internet"
      : guardrails.egressAllow.map((rule) => `${rule.cidr} (${ports(rule)})`).join(" · ");
  const cluster = egressNamespaces?.length ? `cluster DNS, own namespace, ${egressNamespaces.join(", ")}` : "cluster DNS, own namespace and Kubeflow's services";
  return (
    <dl aria-label={compact ? undefined : "Guardrails"} className={`grid grid-cols-[auto_1fr] gap-x-3 ${compact ? "text-xs" : "text-sm"}`}>
      <dt className="text-slate-600">Pod Security</dt>
      <dd>
        <span className={guardrails.podSecurity === "privileged" ? "font-semibold text-red-800" : "font-medium"}>{guardrails.podSecurity}</span>
      </dd>
      <dt className="text-slate-600">Network</dt>
      <dd className="break-words">
        {cluster}; outside: <span className="font-medium">{internet}</span>
      </dd>
      {containerDefaults && (
        <>
          <dt className="text-slate-600">Container defaults</dt>
          <dd>{defaultsText(containerDefaults)}</dd>
        </>
      )}
    </dl>
  );
}
