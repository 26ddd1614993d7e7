"use client";
// Approve a pending renewal of a two-approval workspace.
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { secondaryButtonClass } from "@/components/ui/styles";
import { IDLE } from "@/lib/model/action-state";
import { approveRenewalAction } from "./actions";

export function RenewalForm({ workspaceId, name }: { workspaceId: string; name: string }) {
  const [state, formAction, pending] = useActionState(approveRenewalAction, IDLE);
  return (
    <form action={formAction} className="space-y-2">
      <FormMessage state={state} />
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <button type="submit" disabled={pending} aria-label={`Approve renewal of ${name}`} className={secondaryButtonClass}>
        Approve renewal
      </button>
    </form>
  );
}
