// Names that read alike ("team-a1" vs "teama-l") confuse people choosing a namespace and
// invite impersonation, so a new name is compared with existing ones in a folded form.
// The same folding runs in SQL in migration 0007 (backfill); keep the two identical.

export const FOLD_FROM = "01i35";
export const FOLD_TO = "olles";

export function nameSkeleton(name: string): string {
  let folded = "";
  for (const char of name.replaceAll("-", "")) {
    const index = FOLD_FROM.indexOf(char);
    folded += index === -1 ? char : FOLD_TO[index];
  }
  return folded;
}
