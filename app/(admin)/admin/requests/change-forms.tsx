"use client";
// Approve and reject controls for one pending quota change. Who may not decide it (the owner,
// the requester, the proposer) reads why instead of an Approve button; anyone admin may say no.
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/field";
import { approveButtonClass } from "@/components/ui/styles";
import { approveChangeAction, rejectChangeAction } from "./actions";
import { RejectForm } from "./reject-form";

interface Props {
  changeId: string;
  name: string;
  notYours: string | null;
  approvedByMe: boolean;
}

export function ChangeForms({ changeId, name, notYours, approvedByMe }: Props) {
  return (
    <div className="space-y-3">
      {notYours ? (
        <p className="text-sm text-slate-600">{notYours}</p>
      ) : approvedByMe ? (
        <p className="text-sm text-slate-600">You approved this change; a second admin has to approve it too.</p>
      ) : (
        <ActionForm id={`approve-change-${changeId}`} action={approveChangeAction} className="space-y-2">
          <input type="hidden" name="changeId" value={changeId} />
          <SubmitButton label="Approve change" pendingLabel="Approving…" ariaLabel={`Approve change of ${name}`} className={approveButtonClass} />
        </ActionForm>
      )}
      <RejectForm
        action={rejectChangeAction}
        hidden={{ name: "changeId", value: changeId }}
        id={`change-note-${changeId}`}
        label={`Reason for rejecting the change of ${name}`}
        buttonLabel={`Reject change of ${name}`}
        buttonText="Reject change"
      />
    </div>
  );
}
