// The operations framework's rules, read from the source rather than from loaded modules: every
// operation is declared once under a name of its own, only defineOperation checks a role, roles
// are written only in declarations, and a server action is nothing but a bound operation.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCE_FOLDERS = ["lib", "app", "components", "bench", "dev", "scripts"];
const THIS_FILE = "lib/operations/operations.test.ts";

interface Source {
  file: string;
  /** The text with comments blanked out (same length, same line breaks). */
  code: string;
  /** `code` with the contents of string literals blanked too: what patterns are matched against. */
  skeleton: string;
}

const TOKENS = /\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\[\s\S]|[^`\\])*`/g;
const blank = (text: string) => text.replace(/[^\n]/g, " ");
const isComment = (token: string) => token.startsWith("/");

function source(file: string): Source {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  return {
    file,
    code: text.replace(TOKENS, (token) => (isComment(token) ? blank(token) : token)),
    skeleton: text.replace(TOKENS, (token) => (isComment(token) ? blank(token) : `${token[0]}${blank(token.slice(1, -1))}${token.at(-1)}`)),
  };
}

function sources(folders: string[], { tests }: { tests: boolean }): Source[] {
  return folders
    .filter((folder) => existsSync(path.join(ROOT, folder)))
    .flatMap((folder) => (readdirSync(path.join(ROOT, folder), { recursive: true }) as string[]).map((entry) => `${folder}/${entry.split(path.sep).join("/")}`))
    .filter((file) => /\.tsx?$/.test(file) && !/(^|\/)(node_modules|generated)\//.test(file) && file !== THIS_FILE)
    .filter((file) => tests || !/\.test\.tsx?$/.test(file))
    .map(source);
}

const lineOf = (text: string, index: number) => text.slice(0, index).split("\n").length;

interface Declaration {
  file: string;
  line: number;
  start: number;
  end: number;
  name?: string;
}

/** Every `defineOperation({ … })` in a file: where its object starts and ends, and its `name` if that is a literal. */
function declarations({ file, code, skeleton }: Source): Declaration[] {
  const found: Declaration[] = [];
  for (const match of skeleton.matchAll(/\bdefineOperation\s*\(\s*\{/g)) {
    const start = match.index + match[0].length - 1;
    let depth = 0;
    let end = start;
    // Only what sits directly in the declaration's object: nested values (a target, a run) are blanked.
    let topLevel = "";
    for (; end < skeleton.length; end++) {
      const char = skeleton[end]!;
      if ("{[(".includes(char)) depth++;
      if (depth === 1) topLevel += char;
      else topLevel += char === "\n" ? "\n" : " ";
      if ("}])".includes(char) && --depth === 0) break;
    }
    const key = /\bname\s*:/.exec(topLevel);
    const literal = key && /^\s*"([^"\n]*)"/.exec(code.slice(start + key.index + key[0].length));
    found.push({ file, line: lineOf(skeleton, start), start, end, name: literal?.[1] });
  }
  return found;
}

const libSources = sources(["lib"], { tests: false });
const allDeclarations = sources(SOURCE_FOLDERS, { tests: false }).flatMap(declarations);

describe("operation declarations", () => {
  it("are all written as defineOperation({ … }) with a literal name", () => {
    const indirect = sources(SOURCE_FOLDERS, { tests: false }).flatMap(({ file, skeleton }) =>
      [...skeleton.matchAll(/\bdefineOperation\s*(<[^>]*>)?\s*\((?!\s*\{)/g)]
        .filter((match) => !/function\s+$/.test(skeleton.slice(0, match.index)))
        .map((match) => `${file}:${lineOf(skeleton, match.index)}`),
    );
    expect(indirect, "defineOperation called with something other than an object literal").toEqual([]);
    const unnamed = allDeclarations.filter((d) => d.name === undefined).map((d) => `${d.file}:${d.line}`);
    expect(unnamed, 'declarations without a `name: "…"` literal').toEqual([]);
    expect(allDeclarations.map((d) => d.name)).toContain("workspace.approve");
  });

  it("each have a name no other declaration uses", () => {
    const byName = new Map<string | undefined, Declaration[]>();
    for (const d of allDeclarations) byName.set(d.name, [...(byName.get(d.name) ?? []), d]);
    const duplicates = [...byName]
      .filter(([, declared]) => declared.length > 1)
      .map(([name, declared]) => `${name}: ${declared.map((d) => `${d.file}:${d.line}`).join(", ")}`);
    expect(duplicates, "operation names declared more than once").toEqual([]);
  });
});

describe("role checks", () => {
  const ALLOWED = ["lib/operations/define-operation.ts", "lib/auth/authorize.ts"];

  it("call authorize() only in defineOperation (and define it only in lib/auth/authorize.ts)", () => {
    const calls = sources(["lib", "app"], { tests: true })
      .filter(({ file }) => !ALLOWED.includes(file))
      .flatMap(({ file, skeleton }) => [...skeleton.matchAll(/\bauthorize\s*\(/g)].map((match) => `${file}:${lineOf(skeleton, match.index)}`));
    expect(calls, "authorize( outside lib/operations/define-operation.ts").toEqual([]);
    const imports = sources(["lib", "app"], { tests: true })
      .filter(({ file }) => !ALLOWED.includes(file))
      .filter(({ code }) => /from\s+"(@\/lib\/auth|\.)\/authorize"/.test(code))
      .map(({ file }) => file);
    expect(imports, "files importing lib/auth/authorize").toEqual([]);
  });

  // Roles an identity holds (not who may do something): the session's roles while they are
  // re-confirmed, and the reconciler's own actor.
  const IDENTITIES = [
    { file: "lib/auth/role-freshness.ts", text: 'roles: ["requester"]' },
    { file: "lib/cluster/reconciler.ts", text: 'roles: ["system"]' },
  ];

  it("are written as roles: [ … ] only in operation declarations", () => {
    const outside = libSources.flatMap((lib) => {
      const spans = declarations(lib);
      return [...lib.skeleton.matchAll(/\broles\s*:\s*\[\s*["'`]/g)]
        .filter((match) => !spans.some((span) => span.start < match.index && match.index < span.end))
        .map((match) => ({ at: match.index, text: lib.code.slice(match.index, lib.code.indexOf("]", match.index) + 1) }))
        .filter(({ text }) => !IDENTITIES.some((known) => known.file === lib.file && known.text === text))
        .map(({ at, text }) => `${lib.file}:${lineOf(lib.code, at)}: ${text}`);
    });
    expect(outside, "roles written outside a defineOperation declaration").toEqual([]);
    for (const known of IDENTITIES) expect(source(known.file).code, `${known.file} no longer has ${known.text}`).toContain(known.text);
  });

  it("are never written by a page: it names the operation it shows, a layout its audience", () => {
    const written = sources(["app"], { tests: false }).flatMap(({ file, code }) =>
      [...code.matchAll(/requirePageCtx\(\s*(\[|\))/g)].map((match) => `${file}:${lineOf(code, match.index)}`),
    );
    expect(written, "requirePageCtx([...roles]) in app/").toEqual([]);
  });
});

describe("server actions", () => {
  const actionFiles = sources(["app"], { tests: false }).filter(({ file }) => file.endsWith("/actions.ts"));

  /** Each name a file imports, with the module it comes from. */
  function namedImports(code: string): Map<string, string> {
    const imported = new Map<string, string>();
    for (const [, names, from] of code.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+"([^"]+)"/g)) {
      for (const name of names!.split(",").map((n) => n.trim().split(/\s+as\s+/).at(-1)!)) if (name) imported.set(name, from!);
    }
    return imported;
  }

  /** Whether `module` (an "@/…" specifier) exports `name` as `defineOperation({ … })`. */
  function declaresOperation(module: string, name: string): boolean {
    if (!module.startsWith("@/")) return false;
    const file = [".ts", "/index.ts"].map((ext) => `${module.slice(2)}${ext}`).find((candidate) => existsSync(path.join(ROOT, candidate)));
    return !!file && new RegExp(String.raw`\bexport const ${name}\s*=\s*defineOperation\s*\(\s*\{`).test(source(file).skeleton);
  }

  it("are each serverAction(operation) of an operation the file imports", () => {
    expect(actionFiles.length).toBeGreaterThan(0);
    const unbound = actionFiles.flatMap(({ file, code, skeleton }) => {
      const imported = namedImports(code);
      return [...skeleton.matchAll(/\bexport\s+const\s+(\w+)\s*=\s*(?:serverAction\s*\(\s*(\w+))?/g)]
        .filter(([, , operation]) => {
          if (!operation || imported.get("serverAction") !== "@/lib/operations/server-action") return true;
          const from = imported.get(operation);
          return !from || !declaresOperation(from, operation);
        })
        .map(([, action]) => `${file}: ${action}`);
    });
    expect(unbound, "exported actions that are not serverAction(<imported operation>)").toEqual([]);
  });

  it("import neither the role check, the database nor defineOperation", () => {
    const forbidden = actionFiles.flatMap(({ file, code, skeleton }) => [
      ...[...importedModules(code)].filter((from) => from === "@/lib/auth/authorize" || from === "@/lib/db" || from.startsWith("@/lib/db/")).map((from) => `${file}: ${from}`),
      ...(/\bdefineOperation\b/.test(skeleton) ? [`${file}: defineOperation`] : []),
    ]);
    expect(forbidden).toEqual([]);
  });
});

/** Every module a file imports from, however it imports it. */
function importedModules(code: string): Set<string> {
  return new Set([...code.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*"([^"]+)"/g)].map(([, from]) => from!));
}
