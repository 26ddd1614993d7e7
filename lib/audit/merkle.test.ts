// The Merkle tree and its proofs agree with RFC 9162 (THREATS 63): every inclusion and
// consistency proof of trees up to 33 leaves verifies, and a changed hash or size fails.
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import {
  CompactRange,
  EMPTY_ROOT,
  TILE_LEAVES,
  consistencyProof,
  inclusionProof,
  leafHash,
  nodeHash,
  rootOf,
  verifyConsistency,
  verifyInclusion,
  type RangeHasher,
} from "./merkle";

const eventHash = (i: number) => createHash("sha256").update(`event ${i}`).digest("hex");
const leaves = Array.from({ length: 600 }, (_, i) => leafHash(eventHash(i)));
const mth: RangeHasher = (lo, hi) => Promise.resolve(rootOf(leaves.slice(Number(lo), Number(hi))));

describe("Merkle tree", () => {
  it("prefixes leaves and nodes differently (RFC 6962 2.1)", () => {
    const data = eventHash(1);
    expect(leafHash(data)).toEqual(createHash("sha256").update(Buffer.concat([Buffer.of(0), Buffer.from(data, "hex")])).digest());
    const [a, b] = [leaves[0] as Buffer, leaves[1] as Buffer];
    expect(nodeHash(a, b)).toEqual(createHash("sha256").update(Buffer.concat([Buffer.of(1), a, b])).digest());
    expect(rootOf([])).toEqual(EMPTY_ROOT);
  });

  it("gives the same root from the compact range as from all leaves, and reports each 256-leaf tile", () => {
    const range = new CompactRange();
    const tiles: Buffer[] = [];
    for (const [i, leaf] of leaves.entries()) {
      const tile = range.append(leaf);
      if (tile) tiles.push(tile);
      if (i % 37 === 0 || i === leaves.length - 1) expect(range.root()).toEqual(rootOf(leaves.slice(0, i + 1)));
    }
    expect(tiles).toEqual([rootOf(leaves.slice(0, 256)), rootOf(leaves.slice(256, 512))]);
    expect(TILE_LEAVES).toBe(256n);
    const copy = CompactRange.fromHex(range.size, range.toHex());
    expect(copy.root()).toEqual(range.root());
    expect(() => CompactRange.fromHex(5n, range.toHex().slice(0, 1))).toThrow(/has 2 hashes, not 1/);
  });

  it("verifies every inclusion proof, and refuses a wrong leaf, index or root", async () => {
    for (let n = 1n; n <= 33n; n++) {
      const root = rootOf(leaves.slice(0, Number(n)));
      for (let m = 0n; m < n; m++) {
        const proof = await inclusionProof(m, n, mth);
        expect(verifyInclusion(m, n, leaves[Number(m)] as Buffer, proof, root)).toBe(true);
        expect(verifyInclusion(m, n, leaves[Number(m) + 1] as Buffer, proof, root)).toBe(false);
        if (n > 1n) expect(verifyInclusion((m + 1n) % n, n, leaves[Number(m)] as Buffer, proof, root)).toBe(false);
        expect(verifyInclusion(m, n, leaves[Number(m)] as Buffer, proof, leaves[599] as Buffer)).toBe(false);
      }
    }
  });

  it("verifies every consistency proof, and refuses a tree that is not an extension", async () => {
    for (let n = 1n; n <= 33n; n++) {
      const second = rootOf(leaves.slice(0, Number(n)));
      for (let m = 1n; m <= n; m++) {
        const first = rootOf(leaves.slice(0, Number(m)));
        const proof = await consistencyProof(m, n, mth);
        expect(verifyConsistency(m, n, first, second, proof)).toBe(true);
        const forked = rootOf([...leaves.slice(0, Number(m) - 1), leaves[500] as Buffer]);
        expect(verifyConsistency(m, n, forked, second, proof)).toBe(false);
      }
    }
  });
});
