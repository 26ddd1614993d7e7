// Walks the audit chain and recomputes every hash. Reports either the number of intact events
// and the head hash, or the first event that does not match and why. From the start, or
// incrementally from a signed checkpoint (THREATS 63): the walk then continues the checkpoint's
// compact range (which must fold to its signed root) and reads only the events after it. Every
// checkpoint inside the walked range must carry a valid signature and the root the events give.
import type { Db } from "@/lib/db/client";
import { GENESIS_HASH, hashEvent } from "@/lib/audit/chain";
import { leafHash } from "@/lib/audit/merkle";
import { openCheckpoint, type NoteVerifier } from "@/lib/audit/checkpoint-note";
import { rangeOf, type LastCheckpoint } from "./checkpoints";

export type ChainReport =
  | { intact: true; count: number; headHash: string; headSeq: string; fromSize: string; checkpoints: number }
  | { intact: false; count: number; firstBadSeq: string; problem: string };

export interface WalkOptions {
  /** Continue from this checkpoint instead of the first event. */
  from?: LastCheckpoint | null;
  /** Checks every checkpoint's signature with this key (and the start checkpoint's). */
  verifier?: NoteVerifier;
  onProgress?: (checked: bigint) => Promise<void> | void;
}

const BATCH = 5_000;

export async function verifyAuditChain(db: Db, options: WalkOptions = {}): Promise<ChainReport> {
  const start = options.from ?? null;
  const fromSize = start?.treeSize ?? 0n;
  const broken = (count: bigint, firstBadSeq: bigint, problem: string): ChainReport => ({ intact: false, count: Number(count), firstBadSeq: firstBadSeq.toString(), problem });
  let range;
  try {
    if (start && options.verifier) openCheckpoint(start.note, options.verifier);
    range = rangeOf(start);
  } catch (error) {
    return broken(0n, fromSize, `the starting checkpoint is not valid: ${(error as Error).message}`);
  }
  let prevHash = GENESIS_HASH;
  if (start) {
    const last = await db.auditEvent.findUnique({ where: { seq: start.treeSize }, select: { hash: true } });
    if (!last) return broken(0n, start.treeSize, `event ${start.treeSize} is missing`);
    prevHash = last.hash;
  }
  // Up to the head as it is now: events appended during the walk are the next walk's.
  const head = await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
  const checkpoints = await db.auditCheckpoint.findMany({ where: { treeSize: { gt: fromSize, lte: head.seq } }, orderBy: { treeSize: "asc" } });
  let nextCheckpoint = 0;
  let expectedSeq = fromSize + 1n;
  for (;;) {
    const batch = await db.auditEvent.findMany({ where: { seq: { gte: expectedSeq, lte: head.seq } }, orderBy: { seq: "asc" }, take: BATCH });
    for (const event of batch) {
      const intactSoFar = expectedSeq - 1n - fromSize;
      if (event.seq !== expectedSeq) return broken(intactSoFar, expectedSeq, `event ${expectedSeq} is missing`);
      if (event.prevHash !== prevHash) return broken(intactSoFar, event.seq, "its previous-hash does not match the event before it");
      if (hashEvent(event) !== event.hash) return broken(intactSoFar, event.seq, "its content does not match its hash (the row was altered)");
      range.append(leafHash(event.hash));
      const checkpoint = checkpoints[nextCheckpoint];
      if (checkpoint && checkpoint.treeSize === range.size) {
        nextCheckpoint += 1;
        if (options.verifier) {
          try {
            openCheckpoint(checkpoint.note, options.verifier);
          } catch (error) {
            return broken(intactSoFar + 1n, event.seq, `checkpoint ${checkpoint.treeSize}: ${(error as Error).message}`);
          }
        }
        if (range.root().toString("hex") !== checkpoint.rootHash || !checkpoint.note.includes(`\n${range.root().toString("base64")}\n`)) {
          return broken(intactSoFar + 1n, event.seq, `checkpoint ${checkpoint.treeSize} signs a different tree than the events give (history was rewritten)`);
        }
      }
      prevHash = event.hash;
      expectedSeq += 1n;
    }
    await options.onProgress?.(expectedSeq - 1n - fromSize);
    if (batch.length < BATCH) break;
  }
  const count = expectedSeq - 1n - fromSize;
  const pending = checkpoints[nextCheckpoint];
  if (pending) return broken(count, pending.treeSize, `checkpoint ${pending.treeSize} covers events that are not in the trail (events were removed)`);
  if (head.seq !== expectedSeq - 1n || head.hash !== prevHash) {
    return broken(count, expectedSeq - 1n, "the chain head does not match the last event (events were removed)");
  }
  return { intact: true, count: Number(count), headHash: prevHash, headSeq: head.seq.toString(), fromSize: fromSize.toString(), checkpoints: nextCheckpoint };
}
