"use client";
// The fields of a form that sets a workspace's whole quota: one per managed key, filled with
// the values it has now (an empty field is no limit). The admin's edit and the owner's ask share them.
import { FieldMessages, TextField } from "@/components/ui/field";
import { QUOTA_PREFIX } from "@/lib/quota/fields";
import { QUOTA_KEYS, type Hard } from "@/lib/quota/keys";

export function QuotaFields({ hard }: { hard: Hard }) {
  return (
    <>
      <FieldMessages name="quota" />
      <div className="grid gap-3 sm:grid-cols-2">
        {QUOTA_KEYS.map((k) => (
          <TextField key={k.key} name={`${QUOTA_PREFIX}${k.key}`} label={k.label} defaultValue={hard[k.key] ?? ""} small mono />
        ))}
      </div>
    </>
  );
}
