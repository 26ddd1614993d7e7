// Names that read alike ("team-a1" vs "teama-l", "kubef1ow" vs "kubeflow") confuse people choosing
// a namespace and invite impersonation, so a new name is compared with existing workspaces,
// reserved names and the cluster's namespaces in a folded form.
// The same folding runs in SQL (berth_name_skeleton, migration 0018), which fills the column the
// database keeps unique; keep the two identical.

export const FOLD_FROM = "01i35";
export const FOLD_TO = "olles";
/** Letter pairs that read as one letter in most fonts. */
export const FOLD_PAIRS: readonly (readonly [string, string])[] = [["rn", "m"]];

/** The letters folded (pairs, then digits), '-' kept: for comparing with prefixes, where a '-' matters. */
export function foldLetters(name: string): string {
  let folded = name;
  for (const [pair, letter] of FOLD_PAIRS) folded = folded.replaceAll(pair, letter);
  let result = "";
  for (const char of folded) {
    const index = FOLD_FROM.indexOf(char);
    result += index === -1 ? char : FOLD_TO[index];
  }
  return result;
}

/** The folded form two names share when they read alike: '-' dropped, then the letters folded. */
export function nameSkeleton(name: string): string {
  return foldLetters(name.replaceAll("-", ""));
}
