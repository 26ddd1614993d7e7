"use client";
// Every form that runs a server action: it keeps what was typed on any error (the action hands
// the submitted values back), marks each bad field, lists all errors in one summary that takes the
// focus, and moves the focus to the outcome after a success. Required fields are marked with
// aria-required rather than checked by the browser one at a time: the server checks every field
// and reports all errors of one submit at once. When the role re-check asks the person to confirm their sign-in, the draft is
// kept in this tab's sessionStorage and put back when they return to the same page.
import { useRouter } from "next/navigation";
import { createContext, useActionState, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { IDLE, type ActionState } from "@/lib/model/action-state";
import { RECONFIRM_EVENT } from "./reconfirm-event";

type Action = (previous: ActionState, formData: FormData) => Promise<ActionState>;

interface FormContextValue {
  formId: string;
  state: ActionState;
  pending: boolean;
}

const FormContext = createContext<FormContextValue>({ formId: "form", state: IDLE, pending: false });

const DRAFT_PREFIX = "berth:draft:";

/** The id of a field's control, its help text and its error list, the same in every form. */
export function fieldIds(formId: string, name: string) {
  const id = `${formId}-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  return { id, helpId: `${id}-help`, errorsId: `${id}-errors` };
}

/** What a field shows: the submitted value after an error (else its initial one), and its errors. */
export function useField(name: string, initial = "") {
  const { formId, state } = useContext(FormContext);
  const ids = fieldIds(formId, name);
  const errors = state.errors?.[name];
  const submitted = state.values !== undefined;
  return {
    ...ids,
    errors,
    invalid: Boolean(errors?.length),
    value: state.values?.[name] ?? (submitted ? "" : initial),
    submitted,
    /** aria-describedby naming only what is on the page. */
    describedBy: (help: boolean) => [help ? ids.helpId : null, errors?.length ? ids.errorsId : null].filter(Boolean).join(" ") || undefined,
  };
}

/** The state of the surrounding form (its last outcome, errors and submitted values). */
export function useFormOutcome(): ActionState {
  return useContext(FormContext).state;
}

export function useFormPending(): boolean {
  return useContext(FormContext).pending;
}

export function ActionForm({
  id,
  action,
  className = "space-y-3",
  children,
  successFocus = true,
}: {
  /** Unique on the page: the prefix of every field id, and the key of a saved draft. */
  id: string;
  action: Action;
  className?: string;
  children: ReactNode;
  successFocus?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [restored, setRestored] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const router = useRouter();

  useEffect(() => {
    if (state.status === "idle") return;
    if (state.status === "error" || successFocus) outcomeRef.current?.focus();
    if (state.reconfirm) window.dispatchEvent(new Event(RECONFIRM_EVENT));
  }, [state, successFocus]);

  // Back from confirming the sign-in: put the saved draft into the fields, once.
  useEffect(() => {
    const key = draftKey(id);
    const saved = sessionStorage.getItem(key);
    const form = formRef.current;
    if (!saved || !form) return;
    sessionStorage.removeItem(key);
    restoreDraft(form, JSON.parse(saved) as Record<string, string>);
    setRestored(true);
  }, [id]);


  function confirmSignIn() {
    const form = formRef.current;
    if (form) sessionStorage.setItem(draftKey(id), JSON.stringify(draftOf(form)));
    const here = `${location.pathname}${location.search}`;
    router.push(`/signin?reauth=1&callbackUrl=${encodeURIComponent(here)}`);
  }

  return (
    <FormContext.Provider value={{ formId: id, state, pending }}>
      <form ref={formRef} id={id} action={formAction} onSubmit={() => setRestored(false)} className={className} noValidate>
        <div ref={outcomeRef} tabIndex={-1} className="outline-none">
          <Outcome formId={id} state={state} restored={restored} onConfirm={confirmSignIn} />
        </div>
        {children}
      </form>
    </FormContext.Provider>
  );
}

function Outcome({ formId, state, restored, onConfirm }: { formId: string; state: ActionState; restored: boolean; onConfirm: () => void }) {
  if (restored && state.status === "idle") {
    return <p role="status" className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900">Your sign-in is confirmed and what you typed is back. Check it and submit again.</p>;
  }
  if (state.status === "idle" || (!state.message && !state.errors)) return null;
  if (state.status === "success") {
    return <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">{state.message}</p>;
  }
  const fieldErrors = Object.entries(state.errors ?? {});
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
      <p>{state.message}</p>
      {fieldErrors.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {fieldErrors.flatMap(([name, messages]) =>
            messages.map((message) => (
              <li key={`${name}:${message}`}>
                {name === "form" ? message : <a className="underline" href={`#${fieldIds(formId, name).id}`}>{message}</a>}
              </li>
            )),
          )}
        </ul>
      )}
      {state.reconfirm && (
        <button type="button" onClick={onConfirm} className="mt-2 rounded-md bg-red-800 px-3 py-1.5 font-medium text-white hover:bg-red-900">
          Confirm your sign-in
        </button>
      )}
    </div>
  );
}

function draftKey(formId: string): string {
  return `${DRAFT_PREFIX}${location.pathname}:${formId}`;
}

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function controlsOf(form: HTMLFormElement): Control[] {
  return Array.from(form.elements).filter(
    (el): el is Control => (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) && el.name !== "",
  );
}

/** What the person typed or chose; hidden fields (ids, versions) come from the page itself. */
function draftOf(form: HTMLFormElement): Record<string, string> {
  const draft: Record<string, string> = {};
  for (const el of controlsOf(form)) {
    if (el.type === "hidden" || el.type === "file") continue;
    if (el instanceof HTMLInputElement && (el.type === "radio" || el.type === "checkbox")) {
      if (el.checked) draft[el.name] = el.value;
    } else draft[el.name] = el.value;
  }
  return draft;
}

function restoreDraft(form: HTMLFormElement, draft: Record<string, string>): void {
  for (const el of controlsOf(form)) {
    if (el.type === "hidden" || el.type === "file") continue;
    if (el instanceof HTMLInputElement && (el.type === "radio" || el.type === "checkbox")) el.checked = draft[el.name] === el.value;
    else if (draft[el.name] !== undefined) el.value = draft[el.name] ?? "";
  }
}
