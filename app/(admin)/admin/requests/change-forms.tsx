"use client";
// Approve and reject controls for one pending quota change. Who may not decide it (the owner,
// the requester, the proposer) reads why instead of an Approve button; anyone admin may say no.
import { useActionState } from "react";
import { FieldErrors } from "@/components/ui/field-errors";
import { FormMessage } from "@/components/ui/form-message";
import { secondaryButtonClass } from "@/components/ui/styles";
import { IDLE } from "@/lib/model/action-state";
import { approveChangeAction, rejectChangeAction } from "./actions";

interface Props {
  changeId: string;
  name: string;
  notYours: string | null;
  approvedByMe: boolean;
}

export function ChangeForms({ changeId, name, notYours, approvedByMe }: Props) {
  const [approveState, approve, approving] = useActionState(approveChangeAction, IDLE);
  const [rejectState, reject, rejecting] = useActionState(rejectChangeAction, IDLE);
  const noteId = `change-note-${changeId}`;

  return (
    <div className="space-y-3">
      <FormMessage state={approveState} />
      <FormMessage state={rejectState.errors?.note ? IDLE : rejectState} />
      {notYours ? (
        <p className="text-sm text-slate-600">{notYours}</p>
      ) : approvedByMe ? (
        <p className="text-sm text-slate-600">You approved this change; a second admin has to approve it too.</p>
      ) : (
        <form action={approve}>
          <input type="hidden" name="changeId" value={changeId} />
          <button
            type="submit"
            disabled={approving}
            aria-label={`Approve change of ${name}`}
            className="rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-800 disabled:opacity-60"
          >
            {approving ? "Approving…" : "Approve change"}
          </button>
        </form>
      )}
      <form action={reject} className="flex flex-wrap items-start gap-2">
        <input type="hidden" name="changeId" value={changeId} />
        <div className="min-w-0 flex-1 basis-64">
          <label htmlFor={noteId} className="sr-only">
            Reason for rejecting the change of {name}
          </label>
          <input
            id={noteId}
            name="note"
            required
            placeholder="Reason for rejection"
            maxLength={1000}
            aria-describedby={rejectState.errors?.note ? `${noteId}-errors` : undefined}
            className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          />
          <FieldErrors id={`${noteId}-errors`} errors={rejectState.errors?.note} />
        </div>
        <button type="submit" disabled={rejecting} aria-label={`Reject change of ${name}`} className={secondaryButtonClass}>
          Reject change
        </button>
      </form>
    </div>
  );
}
