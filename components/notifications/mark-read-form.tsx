"use client";
// "Mark read" for one notification, or for all of them when no id is given.
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { secondaryButtonClass } from "@/components/ui/styles";
import { IDLE, type ActionState } from "@/lib/model/action-state";

export function MarkReadForm({
  action,
  notificationId,
  label,
}: {
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  notificationId?: string;
  label: string;
}) {
  const [state, run, pending] = useActionState(action, IDLE);
  return (
    <form action={run} className="flex flex-wrap items-center gap-2">
      {notificationId && <input type="hidden" name="notificationId" value={notificationId} />}
      <button type="submit" disabled={pending} className={secondaryButtonClass}>{label}</button>
      {state.status === "error" && <FormMessage state={state} />}
    </form>
  );
}
