"use client";
// Asking for view or edit access, with a reason and an end date. The values stay after an error,
// and a field the server refused is marked and described.
import { useActionState, useState } from "react";
import { submitKeepingValues } from "@/components/access/keep-values";
import { FieldErrors } from "@/components/ui/field-errors";
import { FormMessage } from "@/components/ui/form-message";
import { inputClass, primaryButtonClass } from "@/components/ui/styles";
import { IDLE } from "@/lib/model/action-state";
import { REASON_MAX } from "@/lib/workspaces/text-limits";
import { requestAccessAction } from "./actions";

export function RequestAccessForm({ workspaceId, maxDays }: { workspaceId: string; maxDays: number | null }) {
  const [state, formAction, pending] = useActionState(requestAccessAction, IDLE);
  const [values, setValues] = useState({ role: "view", reason: "", endsAt: "" });
  const errors = state.errors ?? {};
  const set = (field: keyof typeof values) => (event: { target: { value: string } }) => setValues({ ...values, [field]: event.target.value });

  return (
    <form action={formAction} onSubmit={submitKeepingValues(formAction)} className="mt-6 space-y-5" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <fieldset aria-describedby="role-errors">
        <legend className="text-sm font-medium">Access</legend>
        <div className="mt-2 flex gap-4">
          {(["view", "edit"] as const).map((role) => (
            <label key={role} className="flex items-center gap-2 text-sm">
              <input type="radio" name="role" value={role} checked={values.role === role} onChange={set("role")} />
              {role === "view" ? "View (read notebooks, runs, models)" : "Edit (run and change things)"}
            </label>
          ))}
        </div>
        <FieldErrors id="role-errors" errors={errors.role} />
      </fieldset>
      <div>
        <label htmlFor="reason" className="block text-sm font-medium">
          Reason
        </label>
        <textarea
          id="reason"
          name="reason"
          rows={3}
          maxLength={REASON_MAX}
          value={values.reason}
          onChange={set("reason")}
          aria-invalid={Boolean(errors.reason)}
          aria-describedby="reason-errors"
          className={inputClass}
        />
        <FieldErrors id="reason-errors" errors={errors.reason} />
      </div>
      <div>
        <label htmlFor="endsAt" className="block text-sm font-medium">
          End date {maxDays === null ? "(optional)" : `(within ${maxDays} days)`}
        </label>
        <input
          id="endsAt"
          name="endsAt"
          type="date"
          value={values.endsAt}
          onChange={set("endsAt")}
          aria-invalid={Boolean(errors.endsAt)}
          aria-describedby="endsAt-help endsAt-errors"
          className={inputClass}
        />
        <p id="endsAt-help" className="mt-1 text-xs text-slate-500">
          Access ends at the end of that day (UTC) and is removed from the cluster automatically.
        </p>
        <FieldErrors id="endsAt-errors" errors={errors.endsAt} />
      </div>
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? "Sending…" : "Ask for access"}
      </button>
    </form>
  );
}
