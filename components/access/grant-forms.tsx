"use client";
// Small forms on one grant: approve, reject (with a reason), withdraw, remove. Each announces its
// outcome next to itself; the reason stays after an error.
import { useActionState, useState } from "react";
import { FieldErrors } from "@/components/ui/field-errors";
import { submitKeepingValues } from "./keep-values";
import { FormMessage } from "@/components/ui/form-message";
import { approveButtonClass, secondaryButtonClass, smallInputClass } from "@/components/ui/styles";
import { IDLE, type ActionState } from "@/lib/model/action-state";

type Action = (previous: ActionState, formData: FormData) => Promise<ActionState>;

export function GrantButton({ action, grantId, label, danger = false, name }: { action: Action; grantId: string; label: string; danger?: boolean; name: string }) {
  const [state, run, pending] = useActionState(action, IDLE);
  return (
    <form action={run} className="space-y-1">
      <input type="hidden" name="grantId" value={grantId} />
      <button type="submit" disabled={pending} className={danger ? `${secondaryButtonClass} text-red-800` : approveButtonClass}>
        {label}
        <span className="sr-only"> {name}</span>
      </button>
      <FormMessage state={state} />
    </form>
  );
}

export function RejectForm({ action, grantId, name }: { action: Action; grantId: string; name: string }) {
  const [state, run, pending] = useActionState(action, IDLE);
  const [note, setNote] = useState("");
  const id = `note-${grantId}`;
  return (
    <form action={run} onSubmit={submitKeepingValues(run)} className="space-y-1">
      <input type="hidden" name="grantId" value={grantId} />
      <label htmlFor={id} className="block text-xs text-slate-600">
        Reason for rejecting {name}
      </label>
      <input
        id={id}
        name="note"
        value={note}
        onChange={(event) => setNote(event.target.value)}
        aria-invalid={Boolean(state.errors?.note)}
        aria-describedby={`${id}-errors`}
        className={smallInputClass}
      />
      <FieldErrors id={`${id}-errors`} errors={state.errors?.note} />
      <button type="submit" disabled={pending} className={`${secondaryButtonClass} text-red-800`}>
        Reject<span className="sr-only"> {name}</span>
      </button>
      <FormMessage state={state} />
    </form>
  );
}
