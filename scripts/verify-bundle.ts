// The standalone verifier (README, "Verify offline"): checks an exported audit bundle, or one
// inclusion proof, with no database and none of Berth's app code — only the hashing modules
// lib/audit/{chain,merkle,checkpoint-note,bundle-verify}.ts.
//   npx tsx scripts/verify-bundle.ts <bundle.jsonl> [--key <verifier key>] [--witness <dir>]
//   npx tsx scripts/verify-bundle.ts --proof <proof.json> --key <verifier key>
// Exits 0 when everything verifies, 1 with one line per problem otherwise, 2 on bad usage.
import { createReadStream } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { verifyBundle, verifyProofFile, type InclusionProofFile } from "../lib/audit/bundle-verify";

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

function usage(): never {
  console.error("usage: verify-bundle.ts <bundle.jsonl> [--key <verifier key>] [--witness <dir>]\n       verify-bundle.ts --proof <proof.json> --key <verifier key>");
  process.exit(2);
}

async function readLines(file: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) lines.push(line);
  return lines;
}

const key = option("--key");
const proofFile = option("--proof");
if (proofFile) {
  if (!key) usage();
  const problems = verifyProofFile(JSON.parse(await readFile(proofFile, "utf8")) as InclusionProofFile, key);
  for (const problem of problems) console.log(`PROBLEM: ${problem}`);
  if (problems.length === 0) console.log("the inclusion proof verifies against the signed checkpoint");
  process.exit(problems.length ? 1 : 0);
}

const bundle = process.argv.slice(2).find((arg, i, all) => !arg.startsWith("--") && !["--key", "--witness"].includes(all[i - 1] ?? ""));
if (!bundle) usage();
const witnessDir = option("--witness");
const extraCheckpoints = witnessDir
  ? await Promise.all(
      (await readdir(witnessDir))
        .filter((name) => /^checkpoint-\d+\.note$/.test(name))
        .map(async (name) => ({ source: `witness ${name}`, note: await readFile(path.join(witnessDir, name), "utf8") })),
    )
  : [];
const report = verifyBundle(await readLines(bundle), { verifierKey: key, extraCheckpoints });
if (report.keyFromBundle) console.log("NOTE: no --key given: checked with the key inside the bundle; compare it with the published key");
for (const problem of report.problems) console.log(`PROBLEM: ${problem}`);
console.log(
  report.ok
    ? `${report.events} events intact; ${report.checkpoints} checkpoints verified, the largest of size ${report.verifiedSize}, root ${report.rootHash}`
    : `NOT VERIFIED: ${report.problems.length} problem(s) in ${report.events} events and ${report.checkpoints} checkpoints`,
);
process.exit(report.ok ? 0 : 1);
