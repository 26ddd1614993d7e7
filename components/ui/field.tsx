"use client";
// Form fields inside an ActionForm: each shows the submitted value again after an error, is marked
// aria-invalid with its messages next to it, and is described only by elements that exist.
import type { ReactNode } from "react";
import { FieldErrors } from "./field-errors";
import { inputClass, smallInputClass } from "./styles";
import { useField, useFormPending } from "./action-form";

interface TextFieldProps {
  name: string;
  label: ReactNode;
  /** The value before anything was submitted (e.g. the tier being edited). */
  defaultValue?: string;
  help?: ReactNode;
  required?: boolean;
  maxLength?: number;
  /** A textarea with this many rows. */
  rows?: number;
  small?: boolean;
  mono?: boolean;
  hideLabel?: boolean;
  type?: "text" | "email";
  inputMode?: "numeric" | "text";
  placeholder?: string;
  className?: string;
}

export function TextField({ name, label, defaultValue, help, required, maxLength, rows, small, mono, hideLabel, type, inputMode, placeholder, className }: TextFieldProps) {
  const field = useField(name, defaultValue);
  const controlClass = `${small ? smallInputClass : inputClass} ${mono ? "font-mono" : ""} ${field.invalid ? "border-red-600" : ""}`;
  const common = {
    id: field.id,
    name,
    // A changed initial value (another save, a restored draft) replaces what is shown.
    defaultValue: field.value,
    // Marked, not enforced by the browser: the server reports every missing field at once.
    "aria-required": required || undefined,
    maxLength,
    placeholder,
    "aria-invalid": field.invalid || undefined,
    "aria-describedby": field.describedBy(Boolean(help)),
    className: controlClass,
  };
  return (
    <div className={className}>
      <label htmlFor={field.id} className={hideLabel ? "sr-only" : `block ${small ? "text-xs" : "text-sm font-medium"}`}>
        {label}
      </label>
      {rows ? (
        <textarea rows={rows} {...common} />
      ) : (
        <input type={type ?? "text"} inputMode={inputMode} autoComplete="off" spellCheck={mono ? false : undefined} {...common} />
      )}
      {help && (
        <p id={field.helpId} className="mt-1 text-xs text-slate-600">
          {help}
        </p>
      )}
      <FieldErrors id={field.errorsId} errors={field.errors} />
    </div>
  );
}

/** One choice of a radio group; the group's errors are shown by FieldMessages. */
export function RadioChoice({ name, value, defaultChecked, children, className }: { name: string; value: string; defaultChecked: boolean; children: ReactNode; className?: string }) {
  const field = useField(name, defaultChecked ? value : "");
  return (
    <label className={className}>
      <input
        type="radio"
        name={name}
        value={value}
        defaultChecked={field.value === value}
        aria-describedby={field.describedBy(false)}
        className="mt-1"
      />
      {children}
    </label>
  );
}

export function CheckboxField({ name, label, defaultChecked = false }: { name: string; label: ReactNode; defaultChecked?: boolean }) {
  const field = useField(name, defaultChecked ? "on" : "");
  return (
    <label className="block text-sm">
      <input type="checkbox" id={field.id} name={name} value="on" defaultChecked={field.value === "on"} aria-describedby={field.describedBy(false)} /> {label}
      <FieldErrors id={field.errorsId} errors={field.errors} />
    </label>
  );
}

/** The messages of a field drawn by hand (a radio group, a whole quota): with the id fields point at. */
export function FieldMessages({ name }: { name: string }) {
  const field = useField(name);
  return <FieldErrors id={field.errorsId} errors={field.errors} />;
}

export function SubmitButton({ label, pendingLabel, className, ariaLabel }: { label: string; pendingLabel?: string; className: string; ariaLabel?: string }) {
  const pending = useFormPending();
  return (
    <button type="submit" disabled={pending} aria-label={ariaLabel} className={className}>
      {pending && pendingLabel ? pendingLabel : label}
    </button>
  );
}
