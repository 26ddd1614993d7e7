// `npm run audit:verify`: walks the whole audit chain, rebuilding the Merkle tree and checking
// every signed checkpoint, and prints the result; `-- --incremental` starts from the latest
// checkpoint instead (its signature and compact range are checked). Exits 1 when broken. `--expect-head <seq:hash>` (or the downloaded head JSON) also checks
// that a head exported earlier is still in the chain, so a rewrite of the whole chain is detected.
import { db } from "@/lib/db/client";
import { checkExportedHead, parseExportedHead } from "./head";
import { verifyAuditChain } from "./chain-walk";
import { lastCheckpoint } from "./checkpoints";
import { logVerifier } from "./proofs";

const expectIndex = process.argv.indexOf("--expect-head");
const expectedHead = expectIndex > 0 ? process.argv[expectIndex + 1] : undefined;

const from = process.argv.includes("--incremental") ? await lastCheckpoint(db) : null;
const report = await verifyAuditChain(db, { from, verifier: logVerifier() });
if (!report.intact) {
  console.log(`BROKEN: event ${report.firstBadSeq}: ${report.problem} (${report.count} events intact before it)`);
  process.exit(1);
}
console.log(`${report.count} events intact after event ${report.fromSize}, ${report.checkpoints} checkpoints verified, head ${report.headSeq} hash ${report.headHash}`);
if (expectedHead) {
  const check = await checkExportedHead(db, parseExportedHead(expectedHead));
  if (check.status !== "present") {
    console.log(`MISMATCH: ${check.message}`);
    process.exit(1);
  }
  console.log(`exported head ${expectedHead} is still in the chain`);
}
await db.$disconnect();
