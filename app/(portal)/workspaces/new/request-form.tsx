"use client";
// The request form. Everything it sends is re-checked on the server; on any error it shows
// what was sent (ActionForm), so nothing typed is lost.
import { ActionForm, useFormOutcome } from "@/components/ui/action-form";
import { FieldMessages, RadioChoice, SubmitButton, TextField } from "@/components/ui/field";
import { primaryButtonClass } from "@/components/ui/styles";
import { QUOTA_PREFIX } from "@/lib/quota/fields";
import { QUOTA_KEYS } from "@/lib/quota/keys";
import type { OfferedTier } from "@/lib/tiers/queries";
import { GuardrailSummary } from "@/components/guardrails/guardrail-summary";
import { JUSTIFICATION_MAX, REASON_MAX } from "@/lib/workspaces/text-limits";
import { requestWorkspaceAction } from "./actions";

export function RequestForm({ tiers }: { tiers: OfferedTier[] }) {
  return (
    <ActionForm id="request" action={requestWorkspaceAction} className="mt-6 space-y-5">
      <TextField
        name="name"
        label="Workspace name"
        required
        maxLength={63}
        mono
        help={<>Becomes your Kubeflow namespace: lower-case letters, digits and &lsquo;-&rsquo;, at most 63 characters.</>}
      />
      <fieldset>
        <legend className="text-sm font-medium">Quota tier</legend>
        <div className="mt-2 grid gap-3 sm:grid-cols-3">
          {tiers.map((tier, index) => (
            <RadioChoice
              key={tier.slug}
              name="tier"
              value={tier.slug}
              defaultChecked={index === 0}
              className="flex cursor-pointer gap-2 rounded-md border border-slate-200 bg-white p-3 has-[:checked]:border-brand-600"
            >
              <span>
                <span className="block font-medium">{tier.name}</span>
                <span className="block text-xs text-slate-600">{tier.description}</span>
                <span className="block text-xs text-slate-600">
                  {tier.approvalsRequired === 2 ? "Two admins approve" : "One admin approves"} · {tier.lifetimeDays ? `${tier.lifetimeDays} days, renewable` : "no end date"}
                </span>
                <span className="mt-1 block"><GuardrailSummary guardrails={tier.guardrails} containerDefaults={tier.containerDefaults} compact /></span>
              </span>
            </RadioChoice>
          ))}
        </div>
        <FieldMessages name="tier" />
      </fieldset>
      <TextField name="reason" label="Reason" required rows={4} maxLength={REASON_MAX} />
      <CustomQuota />
      <SubmitButton label="Submit request" pendingLabel="Submitting…" className={primaryButtonClass} />
    </ActionForm>
  );
}

function CustomQuota() {
  // Open when anything in it was filled in or is wrong, so that nothing is hidden after an error.
  const { values = {}, errors = {} } = useFormOutcome();
  const inside = (field: string) => field === "justification" || field === "quota" || field.startsWith(QUOTA_PREFIX);
  const open = Object.entries(values).some(([field, value]) => inside(field) && value.trim() !== "") || Object.keys(errors).some(inside);
  return (
    <details className="rounded-md border border-slate-200 bg-white p-3" open={open || undefined}>
      <summary className="cursor-pointer text-sm font-medium">Ask for a different quota (custom request)</summary>
      <p className="mt-2 text-xs text-slate-600">
        Leave a value empty to keep the tier&apos;s. Admins see what differs from the tier; a custom request needs a justification.
      </p>
      <FieldMessages name="quota" />
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        {QUOTA_KEYS.map((spec) => (
          <TextField key={spec.key} name={`${QUOTA_PREFIX}${spec.key}`} label={spec.label} small mono />
        ))}
      </div>
      <TextField name="justification" label="Justification" rows={3} maxLength={JUSTIFICATION_MAX} className="mt-3" />
    </details>
  );
}
