"use client";
// Cancel and renew, for the workspace's owner.
import { useActionState } from "react";
import { FieldErrors } from "@/components/ui/field-errors";
import { FormMessage } from "@/components/ui/form-message";
import { inputClass, secondaryButtonClass } from "@/components/ui/styles";
import { IDLE } from "@/lib/model/action-state";
import { cancelRequestAction, renewWorkspaceAction } from "./actions";

export function CancelForm({ workspaceId }: { workspaceId: string }) {
  const [state, formAction, pending] = useActionState(cancelRequestAction, IDLE);
  return (
    <form action={formAction} className="mt-4 space-y-2">
      <FormMessage state={state} />
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <button type="submit" disabled={pending} className={secondaryButtonClass}>Cancel request</button>
    </form>
  );
}

export function RenewForm({ workspaceId }: { workspaceId: string }) {
  const [state, formAction, pending] = useActionState(renewWorkspaceAction, IDLE);
  return (
    <form action={formAction} className="mt-2 space-y-2">
      <FormMessage state={state} />
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <label htmlFor="renewal-reason" className="block text-sm font-medium">Reason for renewal</label>
      <textarea id="renewal-reason" name="reason" rows={2} maxLength={2000} className={inputClass} />
      <FieldErrors id="renewal-reason-errors" errors={state.errors?.reason} />
      <button type="submit" disabled={pending} className={secondaryButtonClass}>Ask for renewal</button>
    </form>
  );
}
