"use client";
// One admin operation as a small form: hidden identifiers, the operation's own fields, a submit
// button, and the outcome announced (and focused) at its top. Shared by every operation form on
// the cluster and workspace pages; values, errors and the sign-in re-check come from ActionForm.
import type { ReactNode } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton, TextField as Field } from "@/components/ui/field";
import type { ActionState } from "@/lib/model/action-state";

export function OperationForm({
  id,
  action,
  hidden,
  submitLabel,
  danger = false,
  children,
}: {
  /** Unique on the page; by default derived from the button's label, which names the operation and its target. */
  id?: string;
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  submitLabel: string;
  danger?: boolean;
  children?: ReactNode;
}) {
  return (
    <ActionForm id={id ?? `op-${submitLabel.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`} action={action} className="space-y-2">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <SubmitButton
        label={submitLabel}
        className={`rounded-md px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 ${danger ? "bg-red-700 hover:bg-red-800" : "bg-brand-700 hover:bg-brand-900"}`}
      />
    </ActionForm>
  );
}

export function TextField({ name, label, defaultValue, required = false }: { name: string; label: string; defaultValue?: string; required?: boolean }) {
  return <Field name={name} label={label} defaultValue={defaultValue} required={required} />;
}
