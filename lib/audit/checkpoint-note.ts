// Checkpoints as C2SP signed notes (c2sp.org/signed-note, c2sp.org/tlog-checkpoint) with an
// Ed25519 key (THREATS 64): the text is the origin, the tree size, the base64 root and a time
// line; the key is written as Go's note package writes it (PRIVATE+KEY+name+id+key, and
// name+id+key for the verifier), so `go run golang.org/x/mod/sumdb/note` tools read it too.
// Pure (node:crypto only): the offline verifier imports it.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";

const ED25519 = 0x01;
const PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
const SIGNATURE_PREFIX = "\u2014 ";

export interface Checkpoint {
  origin: string;
  size: bigint;
  root: Buffer;
  time: Date;
}

export interface NoteSigner {
  name: string;
  keyId: Buffer;
  privateKey: KeyObject;
  /** The verifier key to publish: name+id+base64(0x01 || public key). */
  verifierKey: string;
}

export interface NoteVerifier {
  name: string;
  keyId: Buffer;
  publicKey: KeyObject;
}

export class NoteError extends Error {
  override readonly name = "NoteError";
}

function keyIdOf(name: string, rawPublic: Buffer): Buffer {
  return createHash("sha256").update(name).update(Buffer.of(0x0a, ED25519)).update(rawPublic).digest().subarray(0, 4);
}

function checkKeyName(name: string): void {
  if (!name || /[\s+]/u.test(name)) throw new NoteError(`a note key name must be non-empty, without spaces or "+": "${name.slice(0, 60)}"`);
}

/** Splits on the first `count` plus signs only: base64 has plus signs of its own. */
function splitPlus(text: string, count: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  for (let i = 0; i < count; i++) {
    const at = rest.indexOf("+");
    if (at < 0) return [...parts, rest];
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  return [...parts, rest];
}

function rawPublicOf(key: KeyObject): Buffer {
  return key.export({ format: "der", type: "spki" }).subarray(SPKI_PREFIX.length);
}

/** Parses "PRIVATE+KEY+<name>+<hex id>+<base64(0x01 || 32-byte seed)>". */
export function parseSignerKey(text: string): NoteSigner {
  const parts = splitPlus(text, 4);
  if (parts.length !== 5 || parts[0] !== "PRIVATE" || parts[1] !== "KEY") throw new NoteError("a signing key reads PRIVATE+KEY+<name>+<id>+<key>");
  const [, , name = "", id = "", encoded = ""] = parts;
  checkKeyName(name);
  const bytes = Buffer.from(encoded, "base64");
  if (bytes.length !== 33 || bytes[0] !== ED25519) throw new NoteError("the signing key is not an Ed25519 key (0x01 and a 32-byte seed)");
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, bytes.subarray(1)]), format: "der", type: "pkcs8" });
  const rawPublic = rawPublicOf(createPublicKey(privateKey));
  const keyId = keyIdOf(name, rawPublic);
  if (keyId.toString("hex") !== id.toLowerCase()) throw new NoteError("the signing key's id does not match its name and key");
  return { name, keyId, privateKey, verifierKey: `${name}+${keyId.toString("hex")}+${Buffer.concat([Buffer.of(ED25519), rawPublic]).toString("base64")}` };
}

/** Parses "<name>+<hex id>+<base64(0x01 || 32-byte public key)>". */
export function parseVerifierKey(text: string): NoteVerifier {
  const parts = splitPlus(text, 2);
  if (parts.length !== 3) throw new NoteError("a verifier key reads <name>+<id>+<key>");
  const [name = "", id = "", encoded = ""] = parts;
  checkKeyName(name);
  const bytes = Buffer.from(encoded, "base64");
  if (bytes.length !== 33 || bytes[0] !== ED25519) throw new NoteError("the verifier key is not an Ed25519 key (0x01 and 32 bytes)");
  const rawPublic = bytes.subarray(1);
  const keyId = keyIdOf(name, rawPublic);
  if (keyId.toString("hex") !== id.toLowerCase()) throw new NoteError("the verifier key's id does not match its name and key");
  return { name, keyId, publicKey: createPublicKey({ key: Buffer.concat([SPKI_PREFIX, rawPublic]), format: "der", type: "spki" }) };
}

/** A new key pair for `name`, as the two strings parseSignerKey/parseVerifierKey read. */
export function generateSignerKey(name: string): { signerKey: string; verifierKey: string } {
  checkKeyName(name);
  const { privateKey } = generateKeyPairSync("ed25519");
  const seed = privateKey.export({ format: "der", type: "pkcs8" }).subarray(PKCS8_PREFIX.length);
  const keyId = keyIdOf(name, rawPublicOf(createPublicKey(privateKey)));
  const signerKey = `PRIVATE+KEY+${name}+${keyId.toString("hex")}+${Buffer.concat([Buffer.of(ED25519), seed]).toString("base64")}`;
  return { signerKey, verifierKey: parseSignerKey(signerKey).verifierKey };
}

export function checkpointText(checkpoint: Checkpoint): string {
  checkKeyName(checkpoint.origin);
  return `${checkpoint.origin}\n${checkpoint.size}\n${checkpoint.root.toString("base64")}\ntime ${checkpoint.time.toISOString()}\n`;
}

export function signCheckpoint(checkpoint: Checkpoint, signer: NoteSigner): string {
  const text = checkpointText(checkpoint);
  const signature = sign(null, Buffer.from(text), signer.privateKey);
  return `${text}\n${SIGNATURE_PREFIX}${signer.name} ${Buffer.concat([signer.keyId, signature]).toString("base64")}\n`;
}

/**
 * Verifies a signed checkpoint with `verifier` and returns what it says; throws a NoteError
 * naming the problem (malformed, no signature by this key, a signature that does not verify).
 */
export function openCheckpoint(note: string, verifier: NoteVerifier): Checkpoint {
  const split = note.lastIndexOf("\n\n");
  if (split < 0 || !note.endsWith("\n")) throw new NoteError("not a signed note (no blank line before the signatures)");
  const text = note.slice(0, split + 1);
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) throw new NoteError("a signed note may hold no control characters but newlines");
  const lines = note.slice(split + 2, -1).split("\n");
  let verified = false;
  for (const line of lines) {
    if (!line.startsWith(SIGNATURE_PREFIX)) throw new NoteError(`not a signature line: "${line.slice(0, 40)}"`);
    const [name, encoded = ""] = line.slice(SIGNATURE_PREFIX.length).split(" ");
    const bytes = Buffer.from(encoded, "base64");
    if (name !== verifier.name || bytes.length < 4 || !bytes.subarray(0, 4).equals(verifier.keyId)) continue;
    if (!verify(null, Buffer.from(text), verifier.publicKey, bytes.subarray(4))) {
      throw new NoteError(`the signature by ${verifier.name} does not verify: the checkpoint was altered or forged`);
    }
    verified = true;
  }
  if (!verified) throw new NoteError(`the checkpoint carries no signature by ${verifier.name}`);
  const [origin = "", size = "", root = "", time = "", ...rest] = text.slice(0, -1).split("\n");
  if (!/^(0|[1-9][0-9]{0,18})$/.test(size)) throw new NoteError("the checkpoint's tree size is not a number");
  const rootBytes = Buffer.from(root, "base64");
  if (rootBytes.length !== 32 || rootBytes.toString("base64") !== root) throw new NoteError("the checkpoint's root hash is not 32 bytes of base64");
  const when = /^time (.+)$/.exec(time)?.[1];
  const at = when ? new Date(when) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime()) || rest.length > 0) throw new NoteError("the checkpoint's time line is missing or malformed");
  if (origin !== verifier.name) throw new NoteError(`the checkpoint is of log "${origin.slice(0, 60)}", not ${verifier.name}`);
  return { origin, size: BigInt(size), root: rootBytes, time: at };
}
