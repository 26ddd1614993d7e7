// `npm run audit:verify`: walks the whole audit chain and prints the result. Exits 1 when
// the chain is broken. `--expect-head <hash>` also checks that a head exported earlier is
// still in the chain at its position, so a rewrite of the whole chain is detected too.
import { db } from "@/lib/db/client";
import { verifyAuditChain } from "./verify";

const expectIndex = process.argv.indexOf("--expect-head");
const expectedHead = expectIndex > 0 ? process.argv[expectIndex + 1] : undefined;

const report = await verifyAuditChain(db);
if (!report.intact) {
  console.log(`BROKEN: event ${report.firstBadSeq}: ${report.problem} (${report.count} events intact before it)`);
  process.exit(1);
}
console.log(`${report.count} events intact, head ${report.headSeq} hash ${report.headHash}`);
if (expectedHead) {
  const [seq, hash] = expectedHead.split(":");
  const event = seq ? await db.auditEvent.findUnique({ where: { seq: BigInt(seq) }, select: { hash: true } }) : null;
  if (event?.hash !== hash) {
    console.log(`MISMATCH: the exported head ${expectedHead} is not in the chain any more`);
    process.exit(1);
  }
  console.log(`exported head ${expectedHead} is still in the chain`);
}
await db.$disconnect();
