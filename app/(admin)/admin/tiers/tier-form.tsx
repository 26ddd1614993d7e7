"use client";
// Create or edit a tier. The version field makes a save over someone else's edit a conflict.
import { useActionState } from "react";
import { FieldErrors } from "@/components/ui/field-errors";
import { FormMessage } from "@/components/ui/form-message";
import { inputClass, primaryButtonClass, smallInputClass } from "@/components/ui/styles";
import { IDLE } from "@/lib/model/action-state";
import { QUOTA_KEYS } from "@/lib/quota/keys";
import { DEFAULT_FIELDS, type DefaultField } from "@/lib/tiers/container-defaults";
import type { TierDetail } from "@/lib/tiers/detail";
import { GuardrailFields } from "@/components/guardrails/guardrail-fields";
import { createTierAction, updateTierAction } from "./actions";

export function TierForm({ tier }: { tier?: TierDetail }) {
  const [state, formAction, pending] = useActionState(tier ? updateTierAction : createTierAction, IDLE);
  const errors = state.errors ?? {};
  const defaults = tier?.containerDefaults;
  const defaultValue = (field: DefaultField) => {
    const spec = DEFAULT_FIELDS[field];
    return defaults?.[spec.kind][spec.resource] ?? "";
  };

  return (
    <form action={formAction} className="mt-6 max-w-3xl space-y-5" noValidate>
      <FormMessage state={state} />
      {tier ? (
        <>
          <input type="hidden" name="slug" value={tier.slug} />
          <input type="hidden" name="version" value={tier.version} />
        </>
      ) : (
        <div>
          <label htmlFor="slug" className="block text-sm font-medium">Identifier</label>
          <input id="slug" name="slug" className={`${inputClass} font-mono`} aria-describedby="slug-errors" />
          <FieldErrors id="slug-errors" errors={errors.slug} />
        </div>
      )}
      <div>
        <label htmlFor="tier-name" className="block text-sm font-medium">Name</label>
        <input id="tier-name" name="name" defaultValue={tier?.name} className={inputClass} aria-describedby="name-errors" />
        <FieldErrors id="name-errors" errors={errors.name} />
      </div>
      <div>
        <label htmlFor="description" className="block text-sm font-medium">Description</label>
        <input id="description" name="description" defaultValue={tier?.description} className={inputClass} />
        <FieldErrors id="description-errors" errors={errors.description} />
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Approvals</legend>
        <label className="mr-4 text-sm">
          <input type="radio" name="approvalsRequired" value="1" defaultChecked={(tier?.approvalsRequired ?? 1) === 1} /> One approval
        </label>
        <label className="text-sm">
          <input type="radio" name="approvalsRequired" value="2" defaultChecked={tier?.approvalsRequired === 2} /> Two approvals (four-eyes)
        </label>
        <FieldErrors id="approvals-errors" errors={errors.approvalsRequired} />
      </fieldset>
      <div>
        <label htmlFor="lifetimeDays" className="block text-sm font-medium">Lifetime (days)</label>
        <input id="lifetimeDays" name="lifetimeDays" inputMode="numeric" defaultValue={tier?.lifetimeDays ?? ""} className={`${inputClass} max-w-40`} />
        <p className="mt-1 text-xs text-slate-500">Empty: workspaces on this tier have no end date.</p>
        <FieldErrors id="lifetime-errors" errors={errors.lifetimeDays} />
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Quota</legend>
        <p className="text-xs text-slate-500">Kubernetes quantities (4, 500m, 16Gi). Maximum: the most an admin may grant at approval without an override; empty means the tier&apos;s value.</p>
        <FieldErrors id="quota-errors" errors={errors.quota} />
        <table className="mt-2 w-full text-sm">
          <thead><tr className="text-left text-slate-600"><th className="py-1 font-medium">Resource</th><th className="font-medium">Value</th><th className="font-medium">Maximum</th></tr></thead>
          <tbody>
            {QUOTA_KEYS.map((spec) => (
              <tr key={spec.key}>
                <td className="py-1 pr-3">{spec.label}</td>
                <td className="pr-3">
                  <input name={`quota.${spec.key}`} aria-label={`${spec.label} quota`} defaultValue={tier?.hard[spec.key] ?? ""} className={smallInputClass} />
                  <FieldErrors id={`quota-${spec.key}-errors`} errors={errors[`quota.${spec.key}`]} />
                </td>
                <td>
                  <input
                    name={`max.${spec.key}`}
                    aria-label={`${spec.label} maximum`}
                    defaultValue={tier && tier.maxHard[spec.key] !== tier.hard[spec.key] ? tier.maxHard[spec.key] : ""}
                    className={smallInputClass}
                  />
                  <FieldErrors id={`max-${spec.key}-errors`} errors={errors[`max.${spec.key}`]} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium">Default container requests and limits</legend>
        <p className="text-xs text-slate-500">Required when the tier sets a CPU or memory quota: written as the LimitRange <code>berth-defaults</code> in each workspace.</p>
        <div className="mt-2 grid grid-cols-2 gap-3">
          {(Object.keys(DEFAULT_FIELDS) as DefaultField[]).map((field) => (
            <div key={field}>
              <label htmlFor={field} className="block text-sm">{DEFAULT_FIELDS[field].label}</label>
              <input id={field} name={field} defaultValue={defaultValue(field)} className={smallInputClass} />
              <FieldErrors id={`${field}-errors`} errors={errors[field]} />
            </div>
          ))}
        </div>
      </fieldset>
      <GuardrailFields guardrails={tier?.guardrails} errors={errors} />
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? "Saving…" : tier ? "Save changes" : "Create tier"}
      </button>
    </form>
  );
}
