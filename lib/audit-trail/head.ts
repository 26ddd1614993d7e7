// A chain head exported by an auditor ({seq, hash, at}) and the check, later, that the event
// at that position still has that hash: a chain rewritten from the start is detected too.
import type { Db } from "@/lib/db/client";
import { ValidationError } from "@/lib/model/errors";

export interface ExportedHead {
  seq: bigint;
  hash: string;
}

export type HeadCheck = { status: "present" } | { status: "missing" | "mismatch"; message: string };

/** Accepts the downloaded JSON ({"seq": "…", "hash": "…"}) or the short form "seq:hash". */
export function parseExportedHead(text: string): ExportedHead {
  const trimmed = text.trim();
  let seq: unknown;
  let hash: unknown;
  if (trimmed.startsWith("{")) {
    try {
      ({ seq, hash } = JSON.parse(trimmed) as { seq?: unknown; hash?: unknown });
    } catch {
      throw invalid();
    }
  } else {
    [seq, hash] = trimmed.split(":");
  }
  const seqText = typeof seq === "number" ? String(seq) : seq;
  if (typeof seqText !== "string" || !/^[1-9][0-9]{0,18}$/.test(seqText) || BigInt(seqText) >= 2n ** 63n) throw invalid();
  if (typeof hash !== "string" || !/^[0-9a-f]{64}$/.test(hash)) throw invalid();
  return { seq: BigInt(seqText), hash };
}

function invalid(): ValidationError {
  return new ValidationError("That is not an exported head.", {
    head: ['Paste the downloaded file\'s content, or "seq:hash" (a number, a colon, 64 hex digits).'],
  });
}

export async function checkExportedHead(db: Pick<Db, "auditEvent">, head: ExportedHead): Promise<HeadCheck> {
  const event = await db.auditEvent.findUnique({ where: { seq: head.seq }, select: { hash: true } });
  if (!event) return { status: "missing", message: `There is no event ${head.seq} in the chain any more.` };
  if (event.hash !== head.hash) {
    return { status: "mismatch", message: `Event ${head.seq} now has hash ${event.hash}, not the exported ${head.hash}: the chain was rewritten.` };
  }
  return { status: "present" };
}
