"use client";
// Approve a pending renewal of a two-approval workspace.
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/field";
import { secondaryButtonClass } from "@/components/ui/styles";
import { approveRenewalAction } from "./actions";

export function RenewalForm({ workspaceId, name }: { workspaceId: string; name: string }) {
  return (
    <ActionForm id={`renewal-${workspaceId}`} action={approveRenewalAction} className="space-y-2">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <SubmitButton label="Approve renewal" ariaLabel={`Approve renewal of ${name}`} className={secondaryButtonClass} />
    </ActionForm>
  );
}
