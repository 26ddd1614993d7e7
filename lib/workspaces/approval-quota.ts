// The quota an admin grants at approval: the request's, with the admin's edits. Above the
// tier's maximums only with an explicit override (still within Berth's sanity caps).
import { ValidationError } from "@/lib/model/errors";
import { keysAbove, labelOf, QUOTA_PREFIX, readQuotaFields } from "@/lib/quota/fields";
import type { Hard } from "@/lib/quota/keys";

export interface GrantedQuota {
  hard: Hard;
  changed: boolean;
  overridden: string[];
}

export function grantedQuota(fields: Record<string, unknown>, requested: Hard, maxHard: Hard, override: boolean): GrantedQuota {
  const { hard: edits, errors } = readQuotaFields(fields, QUOTA_PREFIX);
  if (Object.keys(errors).length > 0) throw new ValidationError("Please correct the highlighted fields.", errors);
  const hard = { ...requested, ...edits };
  const changed = Object.entries(edits).some(([key, value]) => requested[key] !== value);
  const above = keysAbove(hard, maxHard);
  if (above.length > 0 && !override) {
    throw new ValidationError(
      "The quota is above this tier's maximum. Lower it, or tick “override the tier's maximum” to grant it anyway (audited).",
      Object.fromEntries(
        above.map((key) => [`${QUOTA_PREFIX}${key}`, [`${labelOf(key)}: ${hard[key]} is above the tier's maximum (${maxHard[key] ?? "none"}).`]]),
      ),
    );
  }
  return { hard, changed, overridden: above };
}
