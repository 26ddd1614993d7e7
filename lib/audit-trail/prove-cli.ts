// `npm run audit:prove -- <seq>`: prints the inclusion proof of one event against the latest
// signed checkpoint, as JSON for scripts/verify-bundle.ts --proof. `-- --from <a> --to <b>`
// prints the consistency proof between two checkpoints. Exits 1 when no proof can be given.
import { db } from "@/lib/db/client";
import { proveConsistency, proveInclusion } from "./proofs";

const args = process.argv.slice(2);
const from = args.indexOf("--from");
const to = args.indexOf("--to");
try {
  const proof =
    from >= 0 && to >= 0
      ? await proveConsistency(db, BigInt(args[from + 1] ?? "0"), BigInt(args[to + 1] ?? "0"))
      : await proveInclusion(db, BigInt(/^[1-9][0-9]*$/.test(args[0] ?? "") ? (args[0] as string) : "0"));
  console.log(JSON.stringify(proof, null, 2));
} catch (error) {
  console.error(`no proof: ${(error as Error).message}`);
  process.exitCode = 1;
}
await db.$disconnect();
