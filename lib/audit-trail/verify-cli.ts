// `npm run audit:verify`: walks the whole audit chain and prints the result. Exits 1 when
// the chain is broken. `--expect-head <seq:hash>` (or the downloaded head JSON) also checks
// that a head exported earlier is still in the chain, so a rewrite of the whole chain is detected.
import { db } from "@/lib/db/client";
import { checkExportedHead, parseExportedHead } from "./head";
import { verifyAuditChain } from "./chain-walk";

const expectIndex = process.argv.indexOf("--expect-head");
const expectedHead = expectIndex > 0 ? process.argv[expectIndex + 1] : undefined;

const report = await verifyAuditChain(db);
if (!report.intact) {
  console.log(`BROKEN: event ${report.firstBadSeq}: ${report.problem} (${report.count} events intact before it)`);
  process.exit(1);
}
console.log(`${report.count} events intact, head ${report.headSeq} hash ${report.headHash}`);
if (expectedHead) {
  const check = await checkExportedHead(db, parseExportedHead(expectedHead));
  if (check.status !== "present") {
    console.log(`MISMATCH: ${check.message}`);
    process.exit(1);
  }
  console.log(`exported head ${expectedHead} is still in the chain`);
}
await db.$disconnect();
