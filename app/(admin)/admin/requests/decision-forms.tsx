"use client";
// Approve (optionally with quota edits, above the tier's maximum only with an explicit
// override) and reject controls for one pending request.
import { ActionForm, useFormOutcome } from "@/components/ui/action-form";
import { CheckboxField, SubmitButton, TextField } from "@/components/ui/field";
import { approveButtonClass } from "@/components/ui/styles";
import { QUOTA_PREFIX } from "@/lib/quota/fields";
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
  return (
    <div className="space-y-3">
      {ownRequest ? (
        <p className="text-sm text-slate-600">This is your own request: another admin has to decide it.</p>
      ) : approvedByMe ? (
        <p className="text-sm text-slate-600">You approved this request; a second admin has to approve it too.</p>
      ) : (
        <ActionForm id={`approve-${workspaceId}`} action={approveRequestAction} className="space-y-2">
          <input type="hidden" name="workspaceId" value={workspaceId} />
          <QuotaEdit hard={hard} />
          <SubmitButton label="Approve" pendingLabel="Approving…" ariaLabel={`Approve ${name}`} className={approveButtonClass} />
        </ActionForm>
      )}
      <RejectForm
        action={rejectRequestAction}
        hidden={{ name: "workspaceId", value: workspaceId }}
        id={`reject-${workspaceId}`}
        label={`Reason for rejecting ${name}`}
        buttonLabel={`Reject ${name}`}
        buttonText="Reject"
      />
    </div>
  );
}

function QuotaEdit({ hard }: { hard: Hard }) {
  // Open after an error or when something was edited, so that nothing sent is hidden.
  const { values = {}, errors = {} } = useFormOutcome();
  const open = Object.keys(errors).length > 0 || Object.entries(values).some(([field, value]) => field.startsWith(QUOTA_PREFIX) && value !== "");
  return (
    <details open={open || undefined}>
      <summary className="cursor-pointer text-sm">Edit the quota before approving</summary>
      <div className="mt-2 grid gap-2 sm:grid-cols-4">
        {QUOTA_KEYS.filter((spec) => hard[spec.key] !== undefined).map((spec) => (
          <TextField key={spec.key} name={`${QUOTA_PREFIX}${spec.key}`} label={spec.label} small mono placeholder={hard[spec.key]} />
        ))}
      </div>
      <div className="mt-2">
        <CheckboxField name="override" label="Override the tier's maximum (recorded in the audit trail)" />
      </div>
    </details>
  );
}
