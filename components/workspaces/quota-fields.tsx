// The fields of a form that sets a workspace's whole quota: one per managed key, filled with
// the values it has now (an empty field is no limit). The admin's edit and the owner's ask share them.
import { TextField } from "@/components/admin/operation-form";
import { QUOTA_PREFIX } from "@/lib/quota/fields";
import { QUOTA_KEYS, type Hard } from "@/lib/quota/keys";

/** The fields such a form reports errors on: the quota as a whole, each key, and the reason. */
export const QUOTA_FORM_ERROR_FIELDS = ["quota", ...QUOTA_KEYS.map((k) => `${QUOTA_PREFIX}${k.key}`), "reason"];

export function QuotaFields({ hard }: { hard: Hard }) {
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {QUOTA_KEYS.map((k) => (
        <TextField key={k.key} name={`${QUOTA_PREFIX}${k.key}`} label={k.label} defaultValue={hard[k.key] ?? ""} />
      ))}
    </div>
  );
}
