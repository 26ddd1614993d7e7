"use client";
// Retiring a tier: it is no longer offered; workspaces on it keep their quota.
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { secondaryButtonClass } from "@/components/ui/styles";
import { IDLE } from "@/lib/model/action-state";
import { retireTierAction } from "./actions";

export function RetireForm({ slug, version }: { slug: string; version: number }) {
  const [state, formAction, pending] = useActionState(retireTierAction, IDLE);
  return (
    <form action={formAction} className="mt-8 space-y-2">
      <FormMessage state={state} />
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="version" value={version} />
      <button type="submit" disabled={pending} className={secondaryButtonClass}>Retire this tier</button>
      <p className="text-xs text-slate-500">It will no longer be offered for new requests. Existing workspaces keep their quota.</p>
    </form>
  );
}
