"use client";
// Approve (optionally with quota edits, above the tier's maximum only with an explicit
// override) and reject controls for one pending request.
import { useActionState } from "react";
import { FieldErrors } from "@/components/ui/field-errors";
import { FormMessage } from "@/components/ui/form-message";
import { approveButtonClass, smallInputClass } from "@/components/ui/styles";
import { IDLE } from "@/lib/model/action-state";
import { QUOTA_KEYS, type Hard } from "@/lib/quota/keys";
import { approveRequestAction, rejectRequestAction } from "./actions";
import { RejectForm } from "./reject-form";

interface Props {
  workspaceId: string;
  name: string;
  ownRequest: boolean;
  approvedByMe: boolean;
  hard: Hard;
}

export function DecisionForms({ workspaceId, name, ownRequest, approvedByMe, hard }: Props) {
  const [approveState, approve, approving] = useActionState(approveRequestAction, IDLE);
  const [rejectState, reject, rejecting] = useActionState(rejectRequestAction, IDLE);
  const approveErrors = approveState.errors ?? {};

  return (
    <div className="space-y-3">
      <FormMessage state={approveState} />
      <FormMessage state={rejectState.errors?.note ? { status: "idle" } : rejectState} />
      {ownRequest ? (
        <p className="text-sm text-slate-600">This is your own request: another admin has to decide it.</p>
      ) : approvedByMe ? (
        <p className="text-sm text-slate-600">You approved this request; a second admin has to approve it too.</p>
      ) : (
        <form action={approve} className="space-y-2">
          <input type="hidden" name="workspaceId" value={workspaceId} />
          <details open={Object.keys(approveErrors).some((f) => f.startsWith("quota."))}>
            <summary className="cursor-pointer text-sm">Edit the quota before approving</summary>
            <div className="mt-2 grid gap-2 sm:grid-cols-4">
              {QUOTA_KEYS.filter((spec) => hard[spec.key] !== undefined).map((spec) => (
                <div key={spec.key}>
                  <label htmlFor={`${workspaceId}-${spec.key}`} className="block text-xs">{spec.label}</label>
                  <input id={`${workspaceId}-${spec.key}`} name={`quota.${spec.key}`} placeholder={hard[spec.key]} className={smallInputClass} />
                  <FieldErrors id={`${workspaceId}-${spec.key}-errors`} errors={approveErrors[`quota.${spec.key}`]} />
                </div>
              ))}
            </div>
            <label className="mt-2 block text-sm">
              <input type="checkbox" name="override" value="on" /> Override the tier&apos;s maximum (recorded in the audit trail)
            </label>
          </details>
          <button type="submit" disabled={approving} aria-label={`Approve ${name}`} className={approveButtonClass}>
            {approving ? "Approving…" : "Approve"}
          </button>
        </form>
      )}
      <RejectForm
        action={reject}
        pending={rejecting}
        hidden={{ name: "workspaceId", value: workspaceId }}
        id={`note-${workspaceId}`}
        label={`Reason for rejecting ${name}`}
        buttonLabel={`Reject ${name}`}
        buttonText="Reject"
        errors={rejectState.errors?.note}
      />
    </div>
  );
}
