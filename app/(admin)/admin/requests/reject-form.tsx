// The reject control of one queue item: the reason (the requester or owner reads it), its
// errors, and the button. The caller holds the action's state and announces its outcome.
import { FieldErrors } from "@/components/ui/field-errors";
import { secondaryButtonClass } from "@/components/ui/styles";

interface Props {
  action: (formData: FormData) => void;
  pending: boolean;
  hidden: { name: string; value: string };
  /** The note field's id; its errors are `<id>-errors`. */
  id: string;
  /** The note field's label for screen readers, and the button's accessible name. */
  label: string;
  buttonLabel: string;
  buttonText: string;
  errors?: string[];
}

export function RejectForm({ action, pending, hidden, id, label, buttonLabel, buttonText, errors }: Props) {
  return (
    <form action={action} className="flex flex-wrap items-start gap-2">
      <input type="hidden" name={hidden.name} value={hidden.value} />
      <div className="min-w-0 flex-1 basis-64">
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <input
          id={id}
          name="note"
          placeholder="Reason for rejection"
          maxLength={1000}
          aria-describedby={errors?.length ? `${id}-errors` : undefined}
          className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        />
        <FieldErrors id={`${id}-errors`} errors={errors} />
      </div>
      <button type="submit" disabled={pending} aria-label={buttonLabel} className={secondaryButtonClass}>
        {buttonText}
      </button>
    </form>
  );
}
