// A readable before/after comparison: both JSON values flattened to dotted paths, one row
// per path, marked added, removed, changed or unchanged.

export type DiffChange = "added" | "removed" | "changed" | "unchanged";

export interface DiffRow {
  path: string;
  before?: string;
  after?: string;
  change: DiffChange;
}

function flatten(value: unknown, prefix: string, out: Map<string, string>): Map<string, string> {
  if (value !== null && typeof value === "object" && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      flatten(child, prefix ? `${prefix}.${key}` : key, out);
    }
  } else if (value !== undefined && (value !== null || prefix)) {
    out.set(prefix || "(value)", JSON.stringify(value));
  }
  return out;
}

export function diffJson(before: unknown, after: unknown): DiffRow[] {
  const old = flatten(before, "", new Map());
  const now = flatten(after, "", new Map());
  const paths = [...new Set([...old.keys(), ...now.keys()])].sort();
  return paths.map((path) => {
    const b = old.get(path);
    const a = now.get(path);
    const change: DiffChange = b === undefined ? "added" : a === undefined ? "removed" : a === b ? "unchanged" : "changed";
    return { path, before: b, after: a, change };
  });
}
