"use client";
// The reject control of one queue item: the reason (the requester or owner reads it), its
// errors, the button, and the outcome, kept and marked on error like every form.
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton, TextField } from "@/components/ui/field";
import { secondaryButtonClass } from "@/components/ui/styles";
import type { ActionState } from "@/lib/model/action-state";

interface Props {
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: { name: string; value: string };
  /** Unique on the page: the form's id, prefix of its field ids. */
  id: string;
  /** The note field's label for screen readers, and the button's accessible name. */
  label: string;
  buttonLabel: string;
  buttonText: string;
}

export function RejectForm({ action, hidden, id, label, buttonLabel, buttonText }: Props) {
  return (
    <ActionForm id={id} action={action} className="space-y-2">
      <div className="flex flex-wrap items-start gap-2">
        <input type="hidden" name={hidden.name} value={hidden.value} />
        <TextField name="note" label={label} hideLabel small placeholder="Reason for rejection" maxLength={1000} className="min-w-0 flex-1 basis-64" />
        <SubmitButton label={buttonText} ariaLabel={buttonLabel} className={secondaryButtonClass} />
      </div>
    </ActionForm>
  );
}
