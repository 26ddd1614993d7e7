// The Merkle tree over the audit events as the database holds it: leaves are read from
// audit_events (seq i+1 is leaf i), and complete 256-leaf subtrees from audit_merkle_tiles,
// so a proof reads O(log n) ranges instead of every event. Tiles are derived data: a missing
// one is recomputed from its leaves, and every proof is checked against a signed root.
import type { Db } from "@/lib/db/client";
import { TILE_LEAVES, leafHash, nodeHash, rootOf, splitPoint, type Hash, type RangeHasher } from "@/lib/audit/merkle";

type Reader = Pick<Db, "auditEvent" | "auditMerkleTile">;

export async function leafHashes(db: Reader, lo: bigint, hi: bigint): Promise<Hash[]> {
  const rows = await db.auditEvent.findMany({ where: { seq: { gt: lo, lte: hi } }, orderBy: { seq: "asc" }, select: { seq: true, hash: true } });
  if (rows.length !== Number(hi - lo)) throw new Error(`audit events ${lo + 1n}..${hi} are not all present`);
  return rows.map((row) => leafHash(row.hash));
}

async function tileRange(db: Reader, lo: bigint, hi: bigint): Promise<Hash> {
  const first = lo / TILE_LEAVES;
  const count = (hi - lo) / TILE_LEAVES;
  const rows = await db.auditMerkleTile.findMany({ where: { idx: { gte: first, lt: first + count } }, orderBy: { idx: "asc" } });
  const byIndex = new Map(rows.map((row) => [row.idx, Buffer.from(row.hash, "hex")]));
  const tiles: Hash[] = [];
  for (let i = first; i < first + count; i++) {
    tiles.push(byIndex.get(i) ?? rootOf(await leafHashes(db, i * TILE_LEAVES, (i + 1n) * TILE_LEAVES)));
  }
  return rootOf(tiles);
}

// A complete, aligned subtree never changes once its events exist, so the larger ones are
// kept in memory: a proof then reads only its small subtrees. (A wrong one, from a tampered
// tile, could only make proofs fail: each is checked against the signed root.)
const CACHED_FROM = TILE_LEAVES * 16n;
const MAX_CACHED = 20_000;
const subtrees = new Map<string, Hash>();

/** MTH(D[lo:hi]) from the database. */
export function dbRangeHasher(db: Reader): RangeHasher {
  // A proof asks for up to eight small ranges inside one 256-leaf block: read the block once.
  const blocks = new Map<bigint, Promise<Hash[]>>();
  const smallRange = async (lo: bigint, hi: bigint): Promise<Hash> => {
    const block = lo / TILE_LEAVES;
    if ((hi - 1n) / TILE_LEAVES !== block) return rootOf(await leafHashes(db, lo, hi));
    const start = block * TILE_LEAVES;
    if (!blocks.has(block)) {
      blocks.set(
        block,
        db.auditEvent
          .findMany({ where: { seq: { gt: start, lte: start + TILE_LEAVES } }, orderBy: { seq: "asc" }, select: { hash: true } })
          .then((rows) => rows.map((row) => leafHash(row.hash))),
      );
    }
    const leaves = ((await blocks.get(block)) ?? []).slice(Number(lo - start), Number(hi - start));
    if (leaves.length !== Number(hi - lo)) throw new Error(`audit events ${lo + 1n}..${hi} are not all present`);
    return rootOf(leaves);
  };
  const mth: RangeHasher = async (lo, hi) => {
    const size = hi - lo;
    if (size <= TILE_LEAVES) return smallRange(lo, hi);
    const perfect = (size & (size - 1n)) === 0n && lo % size === 0n;
    if (perfect) {
      if (size < CACHED_FROM) return tileRange(db, lo, hi);
      const key = `${lo}:${size}`;
      const known = subtrees.get(key);
      if (known) return known;
      const hash = await tileRange(db, lo, hi);
      if (subtrees.size >= MAX_CACHED) subtrees.clear();
      subtrees.set(key, hash);
      return hash;
    }
    const k = splitPoint(size);
    return nodeHash(await mth(lo, lo + k), await mth(lo + k, hi));
  };
  return mth;
}
