// The RFC 6962 / RFC 9162 Merkle tree over the audit events (THREATS 63): leaf i is event
// seq i+1, its data the event's 32-byte chain hash. Leaf and interior hashes carry distinct
// prefixes (0x00, 0x01) so that no leaf can pass for a node. Pure functions only: the
// offline verifier (scripts/verify-bundle.ts) imports this file, chain.ts and checkpoint-note.ts.
import { createHash } from "node:crypto";

export type Hash = Buffer;

export const EMPTY_ROOT: Hash = createHash("sha256").digest();

export function leafHash(eventHashHex: string): Hash {
  return createHash("sha256").update(Buffer.of(0x00)).update(Buffer.from(eventHashHex, "hex")).digest();
}

export function nodeHash(left: Hash, right: Hash): Hash {
  return createHash("sha256").update(Buffer.of(0x01)).update(left).update(right).digest();
}

/** Largest power of two strictly smaller than n (n ≥ 2). */
export function splitPoint(n: bigint): bigint {
  let k = 1n;
  while (k << 1n < n) k <<= 1n;
  return k;
}

/** MTH over a list held in memory (tests, the offline verifier's proofs). */
export function rootOf(leaves: readonly Hash[]): Hash {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0] as Hash;
  const k = Number(splitPoint(BigInt(leaves.length)));
  return nodeHash(rootOf(leaves.slice(0, k)), rootOf(leaves.slice(k)));
}

/**
 * The compact range of a tree of `size` leaves: the roots of its perfect subtrees, left to
 * right (one per set bit of size, largest first). Appending a leaf and folding the range give
 * the next tree and its root without the leaves before it.
 */
export class CompactRange {
  constructor(
    public size: bigint = 0n,
    public readonly hashes: Hash[] = [],
  ) {
    let bits = 0;
    for (let s = size; s > 0n; s >>= 1n) bits += Number(s & 1n);
    if (bits !== hashes.length) throw new Error(`a compact range of size ${size} has ${bits} hashes, not ${hashes.length}`);
  }

  /** Appends one leaf; returns the root of the 256-leaf subtree it completed, if it did. */
  append(leaf: Hash): Hash | undefined {
    let hash = leaf;
    let tile: Hash | undefined;
    let height = 0;
    for (let s = this.size; (s & 1n) === 1n; s >>= 1n) {
      hash = nodeHash(this.hashes.pop() as Hash, hash);
      height += 1;
      if (height === TILE_HEIGHT) tile = hash;
    }
    this.hashes.push(hash);
    this.size += 1n;
    return tile;
  }

  root(): Hash {
    if (this.hashes.length === 0) return EMPTY_ROOT;
    let acc = this.hashes[this.hashes.length - 1] as Hash;
    for (let i = this.hashes.length - 2; i >= 0; i--) acc = nodeHash(this.hashes[i] as Hash, acc);
    return acc;
  }

  toHex(): string[] {
    return this.hashes.map((h) => h.toString("hex"));
  }

  static fromHex(size: bigint, hex: readonly string[]): CompactRange {
    return new CompactRange(size, hex.map((h) => Buffer.from(h, "hex")));
  }
}

/** Height of the stored subtrees (lib/audit-trail/merkle-store.ts): 2^8 = 256 leaves. */
export const TILE_HEIGHT = 8;
export const TILE_LEAVES = 1n << BigInt(TILE_HEIGHT);

/** Where a proof's hashes come from: the hash of any range of leaves [lo, hi). */
export type RangeHasher = (lo: bigint, hi: bigint) => Promise<Hash>;

/** RFC 9162 2.1.3.1: the inclusion proof of leaf m in the tree of size n. */
export async function inclusionProof(m: bigint, n: bigint, mth: RangeHasher): Promise<Hash[]> {
  if (m < 0n || m >= n) throw new Error(`leaf ${m} is not in a tree of size ${n}`);
  const path = async (index: bigint, lo: bigint, hi: bigint): Promise<Hash[]> => {
    if (hi - lo <= 1n) return [];
    const k = splitPoint(hi - lo);
    // Each level's sibling is independent of the path below it: ask for all of them at once.
    const [below, sibling] = await (index < lo + k
      ? Promise.all([path(index, lo, lo + k), mth(lo + k, hi)])
      : Promise.all([path(index, lo + k, hi), mth(lo, lo + k)]));
    return [...below, sibling];
  };
  return path(m, 0n, n);
}

/** RFC 9162 2.1.4.1: the consistency proof between trees of sizes m ≤ n. */
export async function consistencyProof(m: bigint, n: bigint, mth: RangeHasher): Promise<Hash[]> {
  if (m < 0n || m > n) throw new Error(`no consistency proof from size ${m} to size ${n}`);
  if (m === 0n || m === n) return [];
  const sub = async (m1: bigint, lo: bigint, hi: bigint, complete: boolean): Promise<Hash[]> => {
    const size = hi - lo;
    if (m1 === size) return complete ? [] : [await mth(lo, hi)];
    const k = splitPoint(size);
    return m1 <= k
      ? [...(await sub(m1, lo, lo + k, complete)), await mth(lo + k, hi)]
      : [...(await sub(m1 - k, lo + k, hi, false)), await mth(lo, lo + k)];
  };
  return sub(m, 0n, n, true);
}

/** RFC 9162's step for a node on the right edge: shift both indexes until fn is odd or 0. */
function climbRightEdge(fn: bigint, sn: bigint): [bigint, bigint] {
  while ((fn & 1n) === 0n && fn !== 0n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  return [fn, sn];
}

/** RFC 9162 2.1.3.2: does `proof` show that `leaf` is leaf m of the tree of size n and root? */
export function verifyInclusion(m: bigint, n: bigint, leaf: Hash, proof: readonly Hash[], root: Hash): boolean {
  if (m >= n) return false;
  let fn = m;
  let sn = n - 1n;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      [fn, sn] = climbRightEdge(fn, sn);
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && r.equals(root);
}

/** RFC 9162 2.1.4.2: does `proof` show that the tree (m, first) is a prefix of (n, second)? */
export function verifyConsistency(m: bigint, n: bigint, first: Hash, second: Hash, proof: readonly Hash[]): boolean {
  if (m > n) return false;
  if (m === n) return proof.length === 0 && first.equals(second);
  if (m === 0n) return proof.length === 0;
  let path = [...proof];
  if ((m & (m - 1n)) === 0n) path = [first, ...path];
  if (path.length === 0) return false;
  let fn = m - 1n;
  let sn = n - 1n;
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0] as Hash;
  let sr = path[0] as Hash;
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      [fn, sn] = climbRightEdge(fn, sn);
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && fr.equals(first) && sr.equals(second);
}
