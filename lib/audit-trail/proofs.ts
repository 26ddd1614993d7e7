// Proofs for an auditor (THREATS 63): that one event is in the tree a signed checkpoint
// commits to (inclusion), and that a later checkpoint extends an earlier one (consistency).
// Each proof is generated from the database's leaves and tiles and verified against the
// signed root before it is returned, so a wrong tile can only make it fail, never lie.
import { z } from "zod";
import { db, type Db } from "@/lib/db/client";
import { hashEvent } from "@/lib/audit/chain";
import { consistencyProof, inclusionProof, leafHash, verifyConsistency, verifyInclusion } from "@/lib/audit/merkle";
import { openCheckpoint, parseVerifierKey, type NoteVerifier } from "@/lib/audit/checkpoint-note";
import { NotFoundError, ValidationError } from "@/lib/model/errors";
import { defineOperation } from "@/lib/operations/define-operation";
import { checkpointSettings } from "./checkpoints";
import { dbRangeHasher } from "./merkle-store";

export interface InclusionProof {
  format: "berth-audit-inclusion/1";
  seq: string;
  eventHash: string;
  leafIndex: string;
  treeSize: string;
  rootHash: string;
  checkpoint: string;
  proof: string[];
  /** Checked here: the event's content gives its hash, the path gives the signed root. */
  verified: true;
}

export interface ConsistencyProof {
  format: "berth-audit-consistency/1";
  fromSize: string;
  toSize: string;
  fromRoot: string;
  toRoot: string;
  proof: string[];
  verified: true;
}

/** The key checkpoints are verified with: the configured signer's own public half. */
export function logVerifier(): NoteVerifier | undefined {
  const signer = checkpointSettings().signer;
  return signer ? parseVerifierKey(signer.verifierKey) : undefined;
}

function requireVerifier(): NoteVerifier {
  const verifier = logVerifier();
  if (!verifier) throw new ValidationError("Checkpoints are off: BERTH_AUDIT_SIGNING_KEY is not set.", {});
  return verifier;
}

export async function proveInclusion(database: Db, seq: bigint, verifier: NoteVerifier = requireVerifier()): Promise<InclusionProof> {
  const event = await database.auditEvent.findUnique({ where: { seq } });
  if (!event) throw new NotFoundError(`Audit event ${seq}`);
  if (hashEvent(event) !== event.hash) throw new ValidationError(`Event ${seq}'s content does not match its hash: the row was altered.`, {});
  const checkpoint = await database.auditCheckpoint.findFirst({ where: { treeSize: { gte: seq } }, orderBy: { treeSize: "desc" } });
  if (!checkpoint) throw new ValidationError(`Event ${seq} is not in a checkpoint yet; the next one is written within the checkpoint interval.`, {});
  const signed = openCheckpoint(checkpoint.note, verifier);
  const proof = await inclusionProof(seq - 1n, signed.size, dbRangeHasher(database));
  if (!verifyInclusion(seq - 1n, signed.size, leafHash(event.hash), proof, signed.root)) {
    throw new ValidationError(`The proof of event ${seq} does not reach checkpoint ${signed.size}'s signed root: the trail and the checkpoint disagree.`, {});
  }
  return {
    format: "berth-audit-inclusion/1",
    seq: seq.toString(),
    eventHash: event.hash,
    leafIndex: (seq - 1n).toString(),
    treeSize: signed.size.toString(),
    rootHash: signed.root.toString("hex"),
    checkpoint: checkpoint.note,
    proof: proof.map((h) => h.toString("hex")),
    verified: true,
  };
}

export async function proveConsistency(database: Db, fromSize: bigint, toSize: bigint, verifier: NoteVerifier = requireVerifier()): Promise<ConsistencyProof> {
  const [from, to] = await Promise.all(
    [fromSize, toSize].map((treeSize) => database.auditCheckpoint.findUnique({ where: { treeSize } })),
  );
  if (fromSize > toSize) throw new ValidationError("The first checkpoint must not be larger than the second.", { from: ["Not larger than the second."] });
  if (!from || !to) throw new NotFoundError(`Checkpoint of size ${from ? toSize : fromSize}`);
  const [first, second] = [openCheckpoint(from.note, verifier), openCheckpoint(to.note, verifier)];
  const proof = await consistencyProof(first.size, second.size, dbRangeHasher(database));
  if (!verifyConsistency(first.size, second.size, first.root, second.root, proof)) {
    throw new ValidationError(`Checkpoint ${toSize} does not extend checkpoint ${fromSize}: the log forked.`, {});
  }
  return {
    format: "berth-audit-consistency/1",
    fromSize: fromSize.toString(),
    toSize: toSize.toString(),
    fromRoot: first.root.toString("hex"),
    toRoot: second.root.toString("hex"),
    proof: proof.map((h) => h.toString("hex")),
    verified: true,
  };
}

const seqText = z.string().regex(/^[1-9][0-9]{0,18}$/, "An event number.");

export const proveEvent = defineOperation({
  name: "audit.prove",
  title: "proving an audit event",
  roles: ["auditor", "admin"],
  input: z.strictObject({ seq: seqText }),
  audit: [],
  run: (_ctx, { seq }) => proveInclusion(db, BigInt(seq)),
});

export const proveCheckpoints = defineOperation({
  name: "audit.prove-consistency",
  title: "proving two audit checkpoints consistent",
  roles: ["auditor", "admin"],
  input: z.strictObject({ from: seqText, to: seqText }),
  audit: [],
  run: (_ctx, { from, to }) => proveConsistency(db, BigInt(from), BigInt(to)),
});

/** The public verifier key shown on the audit pages, or null when checkpoints are off. */
export function publishedVerifierKey(): string | null {
  return checkpointSettings().signer?.verifierKey ?? null;
}
