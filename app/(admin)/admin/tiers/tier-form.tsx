"use client";
// Create or edit a tier. The version field makes a save over someone else's edit a conflict;
// after an error every field shows what was sent, never the stored tier's old values.
import { ActionForm } from "@/components/ui/action-form";
import { FieldMessages, RadioChoice, SubmitButton, TextField } from "@/components/ui/field";
import { primaryButtonClass } from "@/components/ui/styles";
import { QUOTA_PREFIX } from "@/lib/quota/fields";
import { QUOTA_KEYS } from "@/lib/quota/keys";
import { DEFAULT_FIELDS, type DefaultField } from "@/lib/tiers/container-defaults";
import type { TierDetail } from "@/lib/tiers/detail";
import { GuardrailFields } from "@/components/guardrails/guardrail-fields";
import { createTierAction, updateTierAction } from "./actions";

const MAX_PREFIX = "max.";

export function TierForm({ tier }: { tier?: TierDetail }) {
  const defaults = tier?.containerDefaults;
  const defaultValue = (field: DefaultField) => {
    const spec = DEFAULT_FIELDS[field];
    return defaults?.[spec.kind][spec.resource] ?? "";
  };
  const approvals = tier?.approvalsRequired ?? 1;

  return (
    <ActionForm id="tier" action={tier ? updateTierAction : createTierAction} className="mt-6 max-w-3xl space-y-5">
      {tier ? (
        <>
          <input type="hidden" name="slug" value={tier.slug} />
          <input type="hidden" name="version" value={tier.version} />
        </>
      ) : (
        <TextField name="slug" label="Identifier" mono required />
      )}
      <TextField name="name" label="Name" defaultValue={tier?.name} required />
      <TextField name="description" label="Description" defaultValue={tier?.description} required />
      <fieldset>
        <legend className="text-sm font-medium">Approvals</legend>
        <RadioChoice name="approvalsRequired" value="1" defaultChecked={approvals === 1} className="mr-4 inline-flex gap-1 text-sm">
          One approval
        </RadioChoice>
        <RadioChoice name="approvalsRequired" value="2" defaultChecked={approvals === 2} className="inline-flex gap-1 text-sm">
          Two approvals (four-eyes)
        </RadioChoice>
        <FieldMessages name="approvalsRequired" />
      </fieldset>
      <TextField
        name="lifetimeDays"
        label="Lifetime (days)"
        inputMode="numeric"
        defaultValue={tier?.lifetimeDays ? String(tier.lifetimeDays) : ""}
        help="Empty: workspaces on this tier have no end date."
        className="max-w-48"
      />
      <fieldset>
        <legend className="text-sm font-medium">Quota</legend>
        <p className="text-xs text-slate-600">
          Kubernetes quantities (4, 500m, 16Gi). Maximum: the most an admin may grant at approval without an override; empty means the tier&apos;s value.
        </p>
        <FieldMessages name="quota" />
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-slate-600">
                <th scope="col" className="py-1 font-medium">Resource</th>
                <th scope="col" className="font-medium">Value</th>
                <th scope="col" className="font-medium">Maximum</th>
              </tr>
            </thead>
            <tbody>
              {QUOTA_KEYS.map((spec) => (
                <tr key={spec.key}>
                  <td className="py-1 pr-3">{spec.label}</td>
                  <td className="pr-3">
                    <TextField name={`${QUOTA_PREFIX}${spec.key}`} label={`${spec.label} quota`} hideLabel small defaultValue={tier?.hard[spec.key] ?? ""} />
                  </td>
                  <td>
                    <TextField
                      name={`${MAX_PREFIX}${spec.key}`}
                      label={`${spec.label} maximum`}
                      hideLabel
                      small
                      defaultValue={tier && tier.maxHard[spec.key] !== tier.hard[spec.key] ? (tier.maxHard[spec.key] ?? "") : ""}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium">Default container requests and limits</legend>
        <p className="text-xs text-slate-600">
          Written as the LimitRange <code>berth-defaults</code> in each workspace, so that pods without requests start under a CPU or memory
          quota. Required for a new tier with such a quota; a tier that never had them may keep them empty.
        </p>
        <div className="mt-2 grid gap-3 sm:grid-cols-2">
          {(Object.keys(DEFAULT_FIELDS) as DefaultField[]).map((field) => (
            <TextField key={field} name={field} label={DEFAULT_FIELDS[field].label} small mono defaultValue={defaultValue(field)} />
          ))}
        </div>
      </fieldset>
      <GuardrailFields guardrails={tier?.guardrails} />
      <SubmitButton label={tier ? "Save changes" : "Create tier"} pendingLabel="Saving…" className={primaryButtonClass} />
    </ActionForm>
  );
}
