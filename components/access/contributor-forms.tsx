"use client";
// The owner's forms on the contributor section: add a person or a Dex group, and the workspace's
// directory entry. Values stay after an error; refused fields are marked and described.
import { useActionState, useState } from "react";
import { FieldErrors } from "@/components/ui/field-errors";
import { submitKeepingValues } from "./keep-values";
import { FormMessage } from "@/components/ui/form-message";
import { inputClass, primaryButtonClass, secondaryButtonClass } from "@/components/ui/styles";
import { IDLE, type ActionState } from "@/lib/model/action-state";
import { REASON_MAX } from "@/lib/workspaces/text-limits";

type Action = (previous: ActionState, formData: FormData) => Promise<ActionState>;

export function AddContributorForm({ action, workspaceId }: { action: Action; workspaceId: string }) {
  const [state, run, pending] = useActionState(action, IDLE);
  const [values, setValues] = useState({ subjectKind: "User", subject: "", role: "view", reason: "", endsAt: "" });
  const errors = state.errors ?? {};
  const set = (field: keyof typeof values) => (event: { target: { value: string } }) => setValues({ ...values, [field]: event.target.value });
  return (
    <form action={run} onSubmit={submitKeepingValues(run)} className="mt-4 space-y-3 rounded-md border border-slate-200 bg-white p-4 dark:bg-slate-900" noValidate aria-label="Add a contributor">
      <h3 className="font-medium">Add a contributor</h3>
      <FormMessage state={state} />
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor="subjectKind" className="block text-sm font-medium">
            Who
          </label>
          <select id="subjectKind" name="subjectKind" value={values.subjectKind} onChange={set("subjectKind")} className={inputClass}>
            <option value="User">A person</option>
            <option value="Group">A Dex group</option>
          </select>
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="subject" className="block text-sm font-medium">
            {values.subjectKind === "User" ? "Email" : "Group"}
          </label>
          <input
            id="subject"
            name="subject"
            value={values.subject}
            onChange={set("subject")}
            autoComplete="off"
            aria-invalid={Boolean(errors.subject)}
            aria-describedby="subject-errors"
            className={inputClass}
          />
          <FieldErrors id="subject-errors" errors={errors.subject} />
        </div>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="role" className="block text-sm font-medium">
            Access
          </label>
          <select id="role" name="role" value={values.role} onChange={set("role")} aria-invalid={Boolean(errors.role)} aria-describedby="role-errors" className={inputClass}>
            <option value="view">View</option>
            <option value="edit">Edit</option>
          </select>
          <FieldErrors id="role-errors" errors={errors.role} />
        </div>
        <div>
          <label htmlFor="add-endsAt" className="block text-sm font-medium">
            End date
          </label>
          <input
            id="add-endsAt"
            name="endsAt"
            type="date"
            value={values.endsAt}
            onChange={set("endsAt")}
            aria-invalid={Boolean(errors.endsAt)}
            aria-describedby="add-endsAt-errors"
            className={inputClass}
          />
          <FieldErrors id="add-endsAt-errors" errors={errors.endsAt} />
        </div>
      </div>
      <div>
        <label htmlFor="add-reason" className="block text-sm font-medium">
          Reason
        </label>
        <input
          id="add-reason"
          name="reason"
          maxLength={REASON_MAX}
          value={values.reason}
          onChange={set("reason")}
          aria-invalid={Boolean(errors.reason)}
          aria-describedby="add-reason-errors"
          className={inputClass}
        />
        <FieldErrors id="add-reason-errors" errors={errors.reason} />
      </div>
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        Add contributor
      </button>
    </form>
  );
}

export function ListingForm({ action, workspaceId, description, unlisted }: { action: Action; workspaceId: string; description: string | null; unlisted: boolean }) {
  const [state, run, pending] = useActionState(action, IDLE);
  const [values, setValues] = useState({ description: description ?? "", unlisted });
  return (
    <form action={run} onSubmit={submitKeepingValues(run)} className="mt-4 space-y-2" aria-label="Directory entry">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <label htmlFor="description" className="block text-sm font-medium">
        Description in the directory
      </label>
      <textarea
        id="description"
        name="description"
        rows={2}
        maxLength={500}
        value={values.description}
        onChange={(event) => setValues({ ...values, description: event.target.value })}
        aria-invalid={Boolean(state.errors?.description)}
        aria-describedby="description-errors"
        className={inputClass}
      />
      <FieldErrors id="description-errors" errors={state.errors?.description} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="unlisted" checked={values.unlisted} onChange={(event) => setValues({ ...values, unlisted: event.target.checked })} />
        Leave this workspace out of the directory
      </label>
      <button type="submit" disabled={pending} className={secondaryButtonClass}>
        Save directory entry
      </button>
      <FormMessage state={state} />
    </form>
  );
}
