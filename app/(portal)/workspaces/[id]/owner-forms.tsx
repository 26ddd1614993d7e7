"use client";
// Cancel and renew, for the workspace's owner.
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton, TextField } from "@/components/ui/field";
import { secondaryButtonClass } from "@/components/ui/styles";
import { REASON_MAX } from "@/lib/workspaces/text-limits";
import { cancelRequestAction, renewWorkspaceAction } from "./actions";

export function CancelForm({ workspaceId }: { workspaceId: string }) {
  return (
    <ActionForm id="cancel" action={cancelRequestAction} className="mt-4 space-y-2">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <SubmitButton label="Cancel request" className={secondaryButtonClass} />
    </ActionForm>
  );
}

export function RenewForm({ workspaceId }: { workspaceId: string }) {
  return (
    <ActionForm id="renewal" action={renewWorkspaceAction} className="mt-2 space-y-2">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <TextField name="reason" label="Reason for renewal" rows={2} maxLength={REASON_MAX} />
      <SubmitButton label="Ask for renewal" className={secondaryButtonClass} />
    </ActionForm>
  );
}
