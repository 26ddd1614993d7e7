"use client";
// Retiring a tier: it is no longer offered; workspaces on it keep their quota.
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/field";
import { secondaryButtonClass } from "@/components/ui/styles";
import { retireTierAction } from "./actions";

export function RetireForm({ slug, version }: { slug: string; version: number }) {
  return (
    <ActionForm id="retire" action={retireTierAction} className="mt-8 space-y-2">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="version" value={version} />
      <SubmitButton label="Retire this tier" className={secondaryButtonClass} />
      <p className="text-xs text-slate-600">It will no longer be offered for new requests. Existing workspaces keep their quota.</p>
    </ActionForm>
  );
}
