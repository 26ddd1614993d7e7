"use client";
// Approve and reject controls for one pending request.
import { useActionState } from "react";
import { FieldErrors } from "@/components/ui/field-errors";
import { FormMessage } from "@/components/ui/form-message";
import { IDLE } from "@/lib/actions/action-state";
import { approveRequestAction, rejectRequestAction } from "./actions";

export function DecisionForms({ workspaceId, name, ownRequest }: { workspaceId: string; name: string; ownRequest: boolean }) {
  const [approveState, approve, approving] = useActionState(approveRequestAction, IDLE);
  const [rejectState, reject, rejecting] = useActionState(rejectRequestAction, IDLE);

  return (
    <div className="space-y-3">
      <FormMessage state={approveState} />
      <FormMessage state={rejectState.errors?.note ? { status: "idle" } : rejectState} />
      {ownRequest ? (
        <p className="text-sm text-slate-600">This is your own request: another admin has to decide it.</p>
      ) : (
        <form action={approve}>
          <input type="hidden" name="workspaceId" value={workspaceId} />
          <button
            type="submit"
            disabled={approving}
            aria-label={`Approve ${name}`}
            className="rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-800 disabled:opacity-60"
          >
            {approving ? "Approving…" : "Approve"}
          </button>
        </form>
      )}
      <form action={reject} className="flex flex-wrap items-start gap-2">
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <div className="min-w-64 flex-1">
          <label htmlFor={`note-${workspaceId}`} className="sr-only">
            Reason for rejecting {name}
          </label>
          <input
            id={`note-${workspaceId}`}
            name="note"
            placeholder="Reason for rejection"
            maxLength={1000}
            className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          />
          <FieldErrors id={`note-errors-${workspaceId}`} errors={rejectState.errors?.note} />
        </div>
        <button
          type="submit"
          disabled={rejecting}
          aria-label={`Reject ${name}`}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-60"
        >
          Reject
        </button>
      </form>
    </div>
  );
}
