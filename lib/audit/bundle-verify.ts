// Offline verification of an exported audit bundle (THREATS 67): JSON lines, a header with the
// log's verifier key, the signed checkpoints, then every event from seq 1. No database and no
// app code: only the hashing modules (chain.ts, merkle.ts, checkpoint-note.ts). Each problem is
// named: an event whose content does not match its hash, a broken link, a checkpoint whose
// signature does not verify, two checkpoints of one size with different roots (a fork), a
// checkpoint the events do not reproduce, a checkpoint beyond the last event.
import { GENESIS_HASH, hashEvent, type ChainedFields } from "./chain";
import { CompactRange, leafHash, verifyInclusion } from "./merkle";
import { openCheckpoint, parseVerifierKey, type Checkpoint, type NoteVerifier } from "./checkpoint-note";

export const BUNDLE_FORMAT = "berth-audit-bundle/1";

export interface BundleReport {
  ok: boolean;
  events: number;
  checkpoints: number;
  /** The largest checkpoint the events reproduced. */
  verifiedSize: string | null;
  rootHash: string | null;
  problems: string[];
  /** Set when the key came from the bundle itself rather than from the caller. */
  keyFromBundle: boolean;
}

export interface BundleOptions {
  /** The log's verifier key as published (README, audit pages); else the bundle's own. */
  verifierKey?: string;
  /** More checkpoints from elsewhere (a witness directory), checked like the bundle's. */
  extraCheckpoints?: { source: string; note: string }[];
}

const MAX_PROBLEMS = 20;

function eventFields(raw: Record<string, unknown>): ChainedFields & { hash: string } {
  return {
    ...(raw as unknown as ChainedFields & { hash: string }),
    seq: BigInt(String(raw.seq)),
    occurredAt: new Date(String(raw.occurredAt)),
    actorRoles: (raw.actorRoles as string[] | null) ?? [],
  };
}

export function verifyBundle(lines: Iterable<string>, options: BundleOptions = {}): BundleReport {
  const problems: string[] = [];
  const problem = (text: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(text);
  };
  let verifier: NoteVerifier | undefined;
  let keyFromBundle = false;
  const notes: { source: string; note: string }[] = [];
  const range = new CompactRange();
  let prevHash = GENESIS_HASH;
  let lineNo = 0;
  let sawHeader = false;
  const checkpoints = new Map<bigint, { checkpoint: Checkpoint; source: string }>();
  let sizes: bigint[] = [];
  let nextSize = 0;
  let verifiedSize: bigint | null = null;
  let rootHash: string | null = null;

  const openNotes = () => {
    if (!verifier) return;
    for (const { source, note } of notes) {
      let checkpoint: Checkpoint;
      try {
        checkpoint = openCheckpoint(note, verifier);
      } catch (error) {
        problem(`${source}: ${(error as Error).message}`);
        continue;
      }
      const seen = checkpoints.get(checkpoint.size);
      if (seen && !seen.checkpoint.root.equals(checkpoint.root)) {
        problem(
          `fork: two checkpoints of size ${checkpoint.size} with different roots (${seen.source}: ${seen.checkpoint.root.toString("hex")}, ${source}: ${checkpoint.root.toString("hex")})`,
        );
        continue;
      }
      checkpoints.set(checkpoint.size, { checkpoint, source });
    }
    sizes = [...checkpoints.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  };

  let opened = false;
  for (const text of lines) {
    lineNo += 1;
    if (!text.trim()) continue;
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      problem(`line ${lineNo}: not JSON`);
      continue;
    }
    if (line.type === "header") {
      sawHeader = true;
      if (line.format !== BUNDLE_FORMAT) problem(`line ${lineNo}: not a ${BUNDLE_FORMAT} bundle`);
      try {
        verifier = parseVerifierKey(options.verifierKey ?? String(line.verifierKey ?? ""));
        keyFromBundle = options.verifierKey === undefined;
      } catch (error) {
        problem(`verifier key: ${(error as Error).message}`);
      }
      continue;
    }
    if (line.type === "checkpoint") {
      notes.push({ source: `checkpoint on line ${lineNo}`, note: String(line.note ?? "") });
      continue;
    }
    if (line.type !== "event") {
      problem(`line ${lineNo}: unknown line type`);
      continue;
    }
    if (!opened) {
      notes.push(...(options.extraCheckpoints ?? []));
      openNotes();
      opened = true;
    }
    const event = eventFields(line);
    const expected = range.size + 1n;
    if (event.seq !== expected) {
      problem(`event ${expected} is missing (line ${lineNo} holds event ${event.seq})`);
      break;
    }
    if (event.prevHash !== prevHash) problem(`event ${event.seq}: its previous-hash does not match the event before it`);
    if (hashEvent(event) !== event.hash) problem(`event ${event.seq}: its content does not match its hash (the event was altered)`);
    range.append(leafHash(event.hash));
    prevHash = event.hash;
    while (nextSize < sizes.length && (sizes[nextSize] as bigint) <= range.size) {
      const size = sizes[nextSize] as bigint;
      nextSize += 1;
      const { checkpoint, source } = checkpoints.get(size) as { checkpoint: Checkpoint; source: string };
      if (size !== range.size) continue;
      const root = range.root();
      if (!root.equals(checkpoint.root)) {
        problem(`${source}: the events 1..${size} give root ${root.toString("hex")}, not the signed ${checkpoint.root.toString("hex")} (history was rewritten)`);
      } else {
        verifiedSize = size;
        rootHash = root.toString("hex");
      }
    }
  }
  if (!opened) {
    notes.push(...(options.extraCheckpoints ?? []));
    openNotes();
  }
  if (!sawHeader) problem("no header line: this is not an audit bundle");
  for (const size of sizes.slice(nextSize)) {
    problem(`${checkpoints.get(size)?.source}: it covers ${size} events, the bundle holds only ${range.size} (events were removed)`);
  }
  if (checkpoints.size === 0 && problems.length === 0) problem("no checkpoint signed by the key: nothing ties these events to the log");
  return {
    ok: problems.length === 0,
    events: Number(range.size),
    checkpoints: checkpoints.size,
    verifiedSize: verifiedSize?.toString() ?? null,
    rootHash,
    problems,
    keyFromBundle,
  };
}

/** An inclusion proof as `npm run audit:prove` and the event page print it. */
export interface InclusionProofFile {
  seq: string;
  eventHash: string;
  leafIndex: string;
  treeSize: string;
  checkpoint: string;
  proof: string[];
}

/** Checks an inclusion proof offline against the published key; returns the problems found. */
export function verifyProofFile(file: InclusionProofFile, verifierKey: string): string[] {
  let checkpoint: Checkpoint;
  try {
    checkpoint = openCheckpoint(file.checkpoint, parseVerifierKey(verifierKey));
  } catch (error) {
    return [`checkpoint: ${(error as Error).message}`];
  }
  if (checkpoint.size.toString() !== file.treeSize) return [`the proof claims tree size ${file.treeSize}, the checkpoint signs ${checkpoint.size}`];
  const index = BigInt(file.leafIndex);
  if (index + 1n !== BigInt(file.seq)) return [`leaf ${file.leafIndex} is not event ${file.seq}`];
  const path = file.proof.map((hex) => Buffer.from(hex, "hex"));
  if (!verifyInclusion(index, checkpoint.size, leafHash(file.eventHash), path, checkpoint.root)) {
    return [`the path does not lead from event ${file.seq}'s hash to the signed root of checkpoint ${checkpoint.size}`];
  }
  return [];
}
