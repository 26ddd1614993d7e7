"use client";
// Approve and reject controls for one pending quota change. Who may not decide it (the owner,
// the requester, the proposer) reads why instead of an Approve button; anyone admin may say no.
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { approveButtonClass } from "@/components/ui/styles";
import { IDLE } from "@/lib/model/action-state";
import { approveChangeAction, rejectChangeAction } from "./actions";
import { RejectForm } from "./reject-form";

interface Props {
  changeId: string;
  name: string;
  notYours: string | null;
  approvedByMe: boolean;
}

export function ChangeForms({ changeId, name, notYours, approvedByMe }: Props) {
  const [approveState, approve, approving] = useActionState(approveChangeAction, IDLE);
  const [rejectState, reject, rejecting] = useActionState(rejectChangeAction, IDLE);

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
          <button type="submit" disabled={approving} aria-label={`Approve change of ${name}`} className={approveButtonClass}>
            {approving ? "Approving…" : "Approve change"}
          </button>
        </form>
      )}
      <RejectForm
        action={reject}
        pending={rejecting}
        hidden={{ name: "changeId", value: changeId }}
        id={`change-note-${changeId}`}
        label={`Reason for rejecting the change of ${name}`}
        buttonLabel={`Reject change of ${name}`}
        buttonText="Reject change"
        errors={rejectState.errors?.note}
      />
    </div>
  );
}
