// Signed checkpoints of the audit Merkle tree (THREATS 63, 64, 66): every N events or M
// minutes (whichever comes first, run by the periodic jobs) the tree is extended from the last
// checkpoint's compact range with the events since, its root signed as a C2SP note, stored,
// and published to the witness directory. One writer at a time (an advisory lock), so two
// replicas never sign two trees of one size.
import { auditProofSettings, type AuditProofSettings } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import { CompactRange, TILE_LEAVES, leafHash } from "@/lib/audit/merkle";
import { parseSignerKey, signCheckpoint, type NoteSigner } from "@/lib/audit/checkpoint-note";
import { publishToWitness } from "./witness";

const LOCK_KEY = 7_342_060;
const BATCH = 5_000;

export interface CheckpointSettings extends Omit<AuditProofSettings, "signingKey"> {
  signer: NoteSigner | undefined;
}

let cached: { key: string | undefined; settings: CheckpointSettings } | undefined;

/** The settings with the key parsed once (a bad key is a settings error at start). */
export function checkpointSettings(): CheckpointSettings {
  const settings = auditProofSettings();
  if (cached && cached.key === settings.signingKey) return cached.settings;
  const parsed = { ...settings, signer: settings.signingKey ? parseSignerKey(settings.signingKey) : undefined };
  cached = { key: settings.signingKey, settings: parsed };
  return parsed;
}

export interface LastCheckpoint {
  treeSize: bigint;
  rootHash: string;
  createdAt: Date;
  note: string;
  frontier: string[];
}

export async function lastCheckpoint(db: Pick<Db, "auditCheckpoint">, atMost?: bigint): Promise<LastCheckpoint | null> {
  return db.auditCheckpoint.findFirst({ where: atMost === undefined ? {} : { treeSize: { lte: atMost } }, orderBy: { treeSize: "desc" } });
}

/** The compact range stored with a checkpoint, refused unless it folds to the checkpoint's root. */
export function rangeOf(checkpoint: LastCheckpoint | null): CompactRange {
  if (!checkpoint) return new CompactRange();
  const range = CompactRange.fromHex(checkpoint.treeSize, checkpoint.frontier);
  if (range.root().toString("hex") !== checkpoint.rootHash) {
    throw new Error(`the compact range stored with checkpoint ${checkpoint.treeSize} does not fold to its root`);
  }
  return range;
}

export type CheckpointOutcome = { made: false; reason: string } | { made: true; treeSize: bigint; rootHash: string; witness: "written" | "present" | "none" };

export async function makeCheckpoint(db: Db, settings: CheckpointSettings = checkpointSettings(), now: Date = new Date()): Promise<CheckpointOutcome> {
  const { signer } = settings;
  if (!signer) return { made: false, reason: "no signing key (BERTH_AUDIT_SIGNING_KEY)" };
  const last = await lastCheckpoint(db);
  const head = await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
  const from = last?.treeSize ?? 0n;
  if (head.seq <= from) return { made: false, reason: "no new events" };
  const due = head.seq - from >= BigInt(settings.checkpointEvery) || !last || now.getTime() - last.createdAt.getTime() >= settings.checkpointIntervalMs;
  if (!due) return { made: false, reason: "not due" };
  // Events never change, so the tree is extended outside the transaction (the first checkpoint
  // of a large existing trail reads every hash); the transaction only publishes the result.
  const range = rangeOf(last);
  const tiles: { idx: bigint; hash: string }[] = [];
  for (let at = from; at < head.seq; ) {
    const rows = await db.auditEvent.findMany({ where: { seq: { gt: at, lte: head.seq } }, orderBy: { seq: "asc" }, select: { seq: true, hash: true }, take: BATCH });
    for (const row of rows) {
      if (row.seq !== range.size + 1n) throw new Error(`audit event ${range.size + 1n} is missing`);
      const tile = range.append(leafHash(row.hash));
      if (tile) tiles.push({ idx: range.size / TILE_LEAVES - 1n, hash: tile.toString("hex") });
    }
    at = rows.at(-1)?.seq ?? head.seq;
  }
  const root = range.root();
  const note = signCheckpoint({ origin: signer.name, size: range.size, root, time: now }, signer);
  return db.$transaction(
    async (tx) => {
      const [locked] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${LOCK_KEY}) AS locked`;
      if (!locked?.locked) return { made: false as const, reason: "another process is writing a checkpoint" };
      if ((await lastCheckpoint(tx))?.treeSize !== last?.treeSize) return { made: false as const, reason: "another process wrote a checkpoint meanwhile" };
      if (tiles.length) {
        await tx.$executeRaw`
          INSERT INTO audit_merkle_tiles (idx, hash)
          SELECT * FROM unnest(${tiles.map((t) => t.idx.toString())}::bigint[], ${tiles.map((t) => t.hash)}::text[])
          ON CONFLICT (idx) DO UPDATE SET hash = EXCLUDED.hash`;
      }
      await tx.auditCheckpoint.create({ data: { treeSize: range.size, rootHash: root.toString("hex"), createdAt: now, note, frontier: range.toHex() } });
      // Published before the commit: a witness that cannot be written stops the checkpoint.
      const witness = settings.witnessDir ? await publishToWitness(settings.witnessDir, range.size, note) : ("none" as const);
      return { made: true as const, treeSize: range.size, rootHash: root.toString("hex"), witness };
    },
    { maxWait: 10_000 },
  );
}
