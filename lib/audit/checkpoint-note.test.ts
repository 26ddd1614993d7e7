// Checkpoints are C2SP signed notes with Ed25519 (THREATS 64): what one key signs, only that
// key's verifier accepts, and any change to the text or signature is refused with a reason.
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { checkpointText, generateSignerKey, openCheckpoint, parseSignerKey, parseVerifierKey, signCheckpoint } from "./checkpoint-note";

const { signerKey, verifierKey } = generateSignerKey("berth.example/audit");
const signer = parseSignerKey(signerKey);
const verifier = parseVerifierKey(verifierKey);
const checkpoint = { origin: "berth.example/audit", size: 42n, root: createHash("sha256").update("root").digest(), time: new Date("2026-12-02T01:00:00.000Z") };

describe("signed checkpoints", () => {
  it("writes the signed-note layout: text, blank line, em-dash signature line with the key id", () => {
    const note = signCheckpoint(checkpoint, signer);
    expect(note.startsWith(checkpointText(checkpoint))).toBe(true);
    expect(checkpointText(checkpoint)).toBe(`berth.example/audit\n42\n${checkpoint.root.toString("base64")}\ntime 2026-12-02T01:00:00.000Z\n`);
    const signature = note.split("\n\n")[1] ?? "";
    expect(signature).toMatch(/^\u2014 berth\.example\/audit [A-Za-z0-9+/]+=*\n$/);
    const bytes = Buffer.from(signature.trim().split(" ")[2] ?? "", "base64");
    expect(bytes.subarray(0, 4).toString("hex")).toBe(verifierKey.split("+")[1]);
    expect(bytes.length).toBe(68);
    expect(signer.verifierKey).toBe(verifierKey);
  });

  it("opens what it signed", () => {
    expect(openCheckpoint(signCheckpoint(checkpoint, signer), verifier)).toEqual(checkpoint);
  });

  it("refuses an altered text, a forged signature, another key's signature and a malformed key", () => {
    const note = signCheckpoint(checkpoint, signer);
    expect(() => openCheckpoint(note.replace("\n42\n", "\n43\n"), verifier)).toThrow(/does not verify/);
    const other = parseSignerKey(generateSignerKey("berth.example/audit").signerKey);
    expect(() => openCheckpoint(signCheckpoint(checkpoint, other), verifier)).toThrow(/no signature by berth.example\/audit/);
    const forged = note.replace(/ ([A-Za-z0-9+/=]+)\n$/, (_m, sig: string) => {
      const bytes = Buffer.from(sig, "base64");
      bytes[10] = (bytes[10] ?? 0) ^ 1;
      return ` ${bytes.toString("base64")}\n`;
    });
    expect(() => openCheckpoint(forged, verifier)).toThrow(/does not verify/);
    expect(() => openCheckpoint("hello\n", verifier)).toThrow(/not a signed note/);
    expect(() => parseVerifierKey(verifierKey.replace(/\+[0-9a-f]{8}\+/, "+00000000+"))).toThrow(/id does not match/);
    expect(() => parseSignerKey("PRIVATE+KEY+a b+00+AA==")).toThrow(/without spaces/);
  });
});
