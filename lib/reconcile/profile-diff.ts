// What stands between a Profile in the cluster and the one Berth wants, worked out from one read:
// quota keys Berth does not want (and which field managers set them), and whether the Profile
// already is exactly Berth's, so that waiting for the profile controller re-reads instead of re-applying.
import type { ClusterProfile, ManagedFieldsEntry, ProfileManifest } from "@/lib/kube/profiles";
import { sameHard } from "@/lib/quota/compare";
import type { Hard } from "@/lib/quota/keys";

export interface UnwantedKey {
  key: string;
  value: string;
  /** The field managers whose managedFields own the key (`kubectl-patch`, another applier). */
  setBy: string[];
}

/** Prefix of the annotations and labels Berth writes; one of them left over means the Profile is not Berth's as is. */
const BERTH_PREFIX = "berth.io/";

function managersOf(entries: ManagedFieldsEntry[] | undefined, key: string): string[] {
  const owners = new Set<string>();
  for (const entry of entries ?? []) {
    const spec = entry.fieldsV1?.["f:spec"] as Record<string, unknown> | undefined;
    const quota = spec?.["f:resourceQuotaSpec"] as Record<string, unknown> | undefined;
    const hard = quota?.["f:hard"] as Record<string, unknown> | undefined;
    if (hard && `f:${key}` in hard) owners.add(entry.manager ?? "");
  }
  return [...owners].sort();
}

/**
 * Keys of the Profile's quota that `hard` does not have. A forced server-side apply takes over only
 * the fields Berth sends; a map key another manager owns survives it, so these are removed apart.
 */
export function unwantedKeys(profile: ClusterProfile, hard: Hard): UnwantedKey[] {
  const found = profile.spec?.resourceQuotaSpec?.hard ?? {};
  return Object.keys(found)
    .filter((key) => !(key in hard))
    .sort()
    .map((key) => ({ key, value: found[key] ?? "", setBy: managersOf(profile.metadata.managedFields, key) }));
}

function includes(found: Record<string, string> | undefined, wanted: Record<string, string>): boolean {
  return Object.entries(wanted).every(([key, value]) => found?.[key] === value);
}

/**
 * Whether the Profile already holds everything the manifest says (owner, quota, labels, annotations,
 * and no Berth annotation the manifest dropped): then an apply would change nothing.
 */
export function profileUpToDate(profile: ClusterProfile, manifest: ProfileManifest): boolean {
  const { metadata, spec } = profile;
  if (spec?.owner?.name !== manifest.spec.owner.name || spec?.owner?.kind !== manifest.spec.owner.kind) return false;
  if (!sameHard(spec?.resourceQuotaSpec?.hard ?? {}, manifest.spec.resourceQuotaSpec.hard)) return false;
  if (!includes(metadata.labels, manifest.metadata.labels) || !includes(metadata.annotations, manifest.metadata.annotations)) return false;
  const stale = Object.keys(metadata.annotations ?? {}).some((key) => key.startsWith(BERTH_PREFIX) && !(key in manifest.metadata.annotations));
  return !stale;
}
