"use client";
// The request form. Everything it sends is re-checked on the server.
import { useActionState } from "react";
import { FieldErrors } from "@/components/ui/field-errors";
import { FormMessage } from "@/components/ui/form-message";
import { IDLE } from "@/lib/model/action-state";
import { QUOTA_KEYS } from "@/lib/quota/keys";
import type { OfferedTier } from "@/lib/tiers/queries";
import { GuardrailSummary } from "@/components/guardrails/guardrail-summary";
import { JUSTIFICATION_MAX, REASON_MAX } from "@/lib/workspaces/text-limits";
import { requestWorkspaceAction } from "./actions";

const input =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600";

export function RequestForm({ tiers }: { tiers: OfferedTier[] }) {
  const [state, formAction, pending] = useActionState(requestWorkspaceAction, IDLE);
  const errors = state.errors ?? {};

  return (
    <form action={formAction} className="mt-6 space-y-5" noValidate>
      <FormMessage state={state} />
      <div>
        <label htmlFor="name" className="block text-sm font-medium">
          Workspace name
        </label>
        <input
          id="name"
          name="name"
          required
          maxLength={63}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="name-help name-errors"
          aria-invalid={Boolean(errors.name)}
          className={`${input} font-mono`}
        />
        <p id="name-help" className="mt-1 text-xs text-slate-500">
          Becomes your Kubeflow namespace: lower-case letters, digits and &lsquo;-&rsquo;, at most 63 characters.
        </p>
        <FieldErrors id="name-errors" errors={errors.name} />
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Quota tier</legend>
        <div className="mt-2 grid gap-3 sm:grid-cols-3">
          {tiers.map((tier, index) => (
            <label key={tier.slug} className="flex cursor-pointer gap-2 rounded-md border border-slate-200 bg-white p-3 has-[:checked]:border-brand-600">
              <input type="radio" name="tier" value={tier.slug} defaultChecked={index === 0} className="mt-1" />
              <span>
                <span className="block font-medium">{tier.name}</span>
                <span className="block text-xs text-slate-600">{tier.description}</span>
                <span className="block text-xs text-slate-500">
                  {tier.approvalsRequired === 2 ? "Two admins approve" : "One admin approves"} · {tier.lifetimeDays ? `${tier.lifetimeDays} days, renewable` : "no end date"}
                </span>
                <span className="mt-1 block"><GuardrailSummary guardrails={tier.guardrails} containerDefaults={tier.containerDefaults} compact /></span>
              </span>
            </label>
          ))}
        </div>
        <FieldErrors id="tier-errors" errors={errors.tier} />
      </fieldset>
      <div>
        <label htmlFor="reason" className="block text-sm font-medium">
          Reason
        </label>
        <textarea
          id="reason"
          name="reason"
          required
          rows={4}
          maxLength={REASON_MAX}
          aria-describedby="reason-errors"
          aria-invalid={Boolean(errors.reason)}
          className={input}
        />
        <FieldErrors id="reason-errors" errors={errors.reason} />
      </div>
      <details className="rounded-md border border-slate-200 bg-white p-3" open={Object.keys(errors).some((f) => f.startsWith("quota.") || f === "justification")}>
        <summary className="cursor-pointer text-sm font-medium">Ask for a different quota (custom request)</summary>
        <p className="mt-2 text-xs text-slate-500">
          Leave a value empty to keep the tier&apos;s. Admins see what differs from the tier; a custom request needs a justification.
        </p>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {QUOTA_KEYS.map((spec) => (
            <div key={spec.key}>
              <label htmlFor={`quota-${spec.key}`} className="block text-xs">{spec.label}</label>
              <input id={`quota-${spec.key}`} name={`quota.${spec.key}`} className="w-full rounded-md border border-slate-300 px-2 py-1 font-mono text-sm" />
              <FieldErrors id={`quota-${spec.key}-errors`} errors={errors[`quota.${spec.key}`]} />
            </div>
          ))}
        </div>
        <label htmlFor="justification" className="mt-3 block text-sm font-medium">Justification</label>
        <textarea id="justification" name="justification" rows={3} maxLength={JUSTIFICATION_MAX} className={input} aria-describedby="justification-errors" />
        <FieldErrors id="justification-errors" errors={errors.justification} />
      </details>
      <FieldErrors id="form-errors" errors={[...(errors.form ?? []), ...otherFieldErrors(errors)]} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? "Submitting…" : "Submit request"}
      </button>
    </form>
  );
}

// Errors about fields the form does not show (e.g. an unexpected extra field).
function otherFieldErrors(errors: Record<string, string[]>): string[] {
  return Object.entries(errors)
    .filter(([field]) => !["name", "tier", "reason", "form", "justification"].includes(field) && !field.startsWith("quota."))
    .flatMap(([, messages]) => messages);
}
