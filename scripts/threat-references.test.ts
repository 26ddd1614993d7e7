// Code and tests cite entries of docs/threat-model.md as `THREATS <n>` (also `THREATS <n>, <m>`
// and `THREATS <n>/<m>`). This keeps those citations and the document in step: every cited
// number has an entry, each entry names at least one test, and every test it names exists.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const DOC = "docs/threat-model.md";
const SOURCE = /\.(ts|tsx|js|mjs|cjs)$/;
/** Dependencies, build output and generated code; dot-directories (.git, .next, .data, …) are skipped too. */
const SKIPPED = new Set(["node_modules", "test-results", "playwright-report", "lib/db/generated"]);

interface ThreatReference {
  file: string;
  line: number;
  threat: number;
}

/** The threat numbers cited in one file's text, with the line of each citation. */
function threatReferences(file: string, text: string): ThreatReference[] {
  const references: ThreatReference[] = [];
  text.split("\n").forEach((content, index) => {
    for (const match of content.matchAll(/\bTHREATS\s+(\d+(?:\s*[,/&]\s*\d+)*)/g)) {
      for (const number of (match[1] ?? "").split(/\D+/).filter(Boolean)) {
        references.push({ file, line: index + 1, threat: Number(number) });
      }
    }
  });
  return references;
}

interface ThreatEntry {
  threat: number;
  /** Test files named in the entry's text as code spans, e.g. `lib/audit/chain.test.ts`. */
  tests: string[];
}

/** The numbered entries of the document: a heading "### <n>. Title" up to the next heading of its level or above. */
function threatEntries(markdown: string): ThreatEntry[] {
  const entries: ThreatEntry[] = [];
  let current: ThreatEntry | null = null;
  for (const line of markdown.split("\n")) {
    const heading = /^(#{1,3})\s/.exec(line);
    if (heading) {
      const numbered = /^###\s+(\d+)\.\s+\S/.exec(line);
      current = numbered ? { threat: Number(numbered[1]), tests: [] } : null;
      if (current) entries.push(current);
      continue;
    }
    if (!current) continue;
    for (const match of line.matchAll(/`([^`\s]+\.(?:test|spec)\.tsx?)`/g)) current.tests.push(match[1] ?? "");
  }
  return entries;
}

function sourceFiles(dir = ""): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.name.startsWith(".") || SKIPPED.has(entry.name) || SKIPPED.has(relative)) continue;
    if (entry.isDirectory()) files.push(...sourceFiles(relative));
    else if (SOURCE.test(entry.name)) files.push(relative);
  }
  return files;
}

describe("reading citations and entries", () => {
  // Built at run time, so that this file does not cite anything itself.
  const cite = (rest: string) => `// ${"THREATS"}${rest}`;

  it("reads single numbers, lists and slashes, with the line of each", () => {
    const text = [cite(" 8: a demoted admin"), `it("x (${"THREATS"} 1, 9, 12)")`, cite(" 5/6 and more"), cite(" 19 & 4")].join("\n");
    expect(threatReferences("a.ts", text).map((r) => [r.line, r.threat])).toEqual([
      [1, 8],
      [2, 1],
      [2, 9],
      [2, 12],
      [3, 5],
      [3, 6],
      [4, 19],
      [4, 4],
    ]);
  });

  it("ignores the word without a number and other words that start with it", () => {
    expect(threatReferences("a.ts", [cite("): targets"), `// ${"THREATS"}X 3`, "// threats 3"].join("\n"))).toEqual([]);
  });

  it("reads numbered headings and the test files named under each, up to the next heading", () => {
    const markdown = [
      "# Title",
      "## Group",
      "### 1. First",
      "Tests: `lib/a.test.ts`, `e2e/b.spec.ts` and `lib/c.int.test.ts`; not `lib/a.ts`.",
      "#### A sub-heading stays in the entry",
      "`lib/d.test.ts`",
      "## Another group",
      "`lib/outside.test.ts`",
      "### 2. Second",
      "## Performance targets",
    ].join("\n");
    expect(threatEntries(markdown)).toEqual([
      { threat: 1, tests: ["lib/a.test.ts", "e2e/b.spec.ts", "lib/c.int.test.ts", "lib/d.test.ts"] },
      { threat: 2, tests: [] },
    ]);
  });
});

describe(`the threat model (${DOC})`, () => {
  const docPath = path.join(ROOT, DOC);
  const entries = existsSync(docPath) ? threatEntries(readFileSync(docPath, "utf8")) : [];
  const numbers = new Set(entries.map((entry) => entry.threat));

  it("has an entry for every threat the code cites", () => {
    const references = sourceFiles().flatMap((file) => threatReferences(file, readFileSync(path.join(ROOT, file), "utf8")));
    expect(references.length).toBeGreaterThan(0);
    const missing = references
      .filter((reference) => !numbers.has(reference.threat))
      .map(({ file, line, threat }) => `${file}:${line} cites threat ${threat}, which has no "### ${threat}." heading in ${DOC}`);
    expect(missing).toEqual([]);
  });

  it("numbers each entry once", () => {
    const seen = entries.map((entry) => entry.threat);
    expect(seen.filter((threat, index) => seen.indexOf(threat) !== index)).toEqual([]);
  });

  it("names at least one test for each entry, and only tests that exist", () => {
    expect(entries.length).toBeGreaterThan(0);
    const problems = entries.flatMap(({ threat, tests }) => [
      ...(tests.length === 0 ? [`threat ${threat} names no test file`] : []),
      ...tests.filter((test) => !existsSync(path.join(ROOT, test))).map((test) => `threat ${threat} names ${test}, which does not exist`),
    ]);
    expect(problems).toEqual([]);
  });
});
