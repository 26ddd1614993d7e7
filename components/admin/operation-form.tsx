"use client";
// One admin operation as a small form: hidden identifiers, the operation's own fields, a submit
// button, and the outcome announced next to it. Shared by every operation on the cluster pages.
import { useActionState, type ReactNode } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { FieldErrors } from "@/components/ui/field-errors";
import { IDLE, type ActionState } from "@/lib/model/action-state";

export function OperationForm({
  action,
  hidden,
  submitLabel,
  danger = false,
  errorFields = [],
  children,
}: {
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  submitLabel: string;
  danger?: boolean;
  errorFields?: string[];
  children?: ReactNode;
}) {
  const [state, run, pending] = useActionState(action, IDLE);
  return (
    <form action={run} className="space-y-2">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      {errorFields.map((field) => (
        <FieldErrors key={field} id={`${field}-errors`} errors={state.errors?.[field]} />
      ))}
      <button
        type="submit"
        disabled={pending}
        className={`rounded-md px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 ${danger ? "bg-red-700 hover:bg-red-800" : "bg-brand-700 hover:bg-brand-900"}`}
      >
        {submitLabel}
      </button>
      <FormMessage state={state} />
    </form>
  );
}

export function TextField({ name, label, defaultValue, required = false }: { name: string; label: string; defaultValue?: string; required?: boolean }) {
  return (
    <label className="block text-sm">
      <span className="text-slate-700">{label}</span>
      <input name={name} defaultValue={defaultValue} required={required} className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5" />
    </label>
  );
}
