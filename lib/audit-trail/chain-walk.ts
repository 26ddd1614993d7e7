// Walks the audit chain from the first event and recomputes every hash. Reports either the
// number of intact events and the head hash, or the first event that does not match and why.
import type { Db } from "@/lib/db/client";
import { GENESIS_HASH, hashEvent } from "@/lib/audit/chain";

export type ChainReport =
  | { intact: true; count: number; headHash: string; headSeq: string }
  | { intact: false; count: number; firstBadSeq: string; problem: string };

const BATCH = 5_000;

export async function verifyAuditChain(db: Db): Promise<ChainReport> {
  let expectedSeq = 1n;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const batch = await db.auditEvent.findMany({ where: { seq: { gte: expectedSeq } }, orderBy: { seq: "asc" }, take: BATCH });
    for (const event of batch) {
      const bad = (problem: string, firstBadSeq = event.seq): ChainReport => ({
        intact: false,
        count: Number(expectedSeq - 1n),
        firstBadSeq: firstBadSeq.toString(),
        problem,
      });
      if (event.seq !== expectedSeq) return bad(`event ${expectedSeq} is missing`, expectedSeq);
      if (event.prevHash !== prevHash) return bad("its previous-hash does not match the event before it");
      if (hashEvent(event) !== event.hash) return bad("its content does not match its hash (the row was altered)");
      prevHash = event.hash;
      expectedSeq += 1n;
    }
    if (batch.length < BATCH) break;
  }
  const head = await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
  const count = Number(expectedSeq - 1n);
  if (head.seq !== expectedSeq - 1n || head.hash !== prevHash) {
    return { intact: false, count, firstBadSeq: (expectedSeq - 1n).toString(), problem: "the chain head does not match the last event (events were removed)" };
  }
  return { intact: true, count, headHash: prevHash, headSeq: head.seq.toString() };
}
