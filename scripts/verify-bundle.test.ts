// The standalone verifier imports nothing but node: modules and the hashing modules, and as a
// command it exits 0 on an intact bundle and 1 naming the problem on a tampered one (THREATS 67).
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { GENESIS_HASH, hashEvent, type ChainedFields } from "../lib/audit/chain";
import { generateSignerKey, parseSignerKey, signCheckpoint } from "../lib/audit/checkpoint-note";
import { BUNDLE_FORMAT } from "../lib/audit/bundle-verify";
import { CompactRange, leafHash } from "../lib/audit/merkle";

const run = promisify(execFile);
const HASHING_MODULES = ["../lib/audit/bundle-verify", "./chain", "./merkle", "./checkpoint-note"];

async function importsOf(file: string): Promise<string[]> {
  const source = await readFile(file, "utf8");
  return [...source.matchAll(/^import [^"]*"([^"]+)";$/gm)].map((m) => m[1] as string);
}

describe("scripts/verify-bundle.ts", () => {
  it("imports only node: modules and the hashing modules, which import nothing else", async () => {
    const files = ["scripts/verify-bundle.ts", "lib/audit/bundle-verify.ts", "lib/audit/chain.ts", "lib/audit/merkle.ts", "lib/audit/checkpoint-note.ts"];
    for (const file of files) {
      for (const specifier of await importsOf(file)) {
        expect(specifier.startsWith("node:") || HASHING_MODULES.includes(specifier), `${file} imports ${specifier}`).toBe(true);
      }
    }
  });

  it("exits 0 on an intact bundle and 1, naming the event, on a tampered one", async () => {
    const { signerKey, verifierKey } = generateSignerKey("berth.test/audit");
    const signer = parseSignerKey(signerKey);
    const range = new CompactRange();
    let prevHash = GENESIS_HASH;
    const events: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const fields: ChainedFields = {
        seq: BigInt(i), occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)), actorIssuer: null, actorSubject: null, actorEmail: `u${i}@example.com`,
        actorName: null, actorRoles: [], action: "auth.sign_in", targetType: null, targetId: null, targetName: null, before: null, after: null,
        reason: null, result: "success", errorCode: null, requestId: null, clientAddress: null, userAgent: null, kubeAuditId: null, prevHash,
      };
      const hash = hashEvent(fields);
      events.push(JSON.stringify({ type: "event", ...fields, seq: String(i), occurredAt: fields.occurredAt.toISOString(), hash }));
      range.append(leafHash(hash));
      prevHash = hash;
    }
    const note = signCheckpoint({ origin: signer.name, size: 5n, root: range.root(), time: new Date() }, signer);
    const lines = [JSON.stringify({ type: "header", format: BUNDLE_FORMAT, verifierKey }), JSON.stringify({ type: "checkpoint", note }), ...events];
    const dir = await mkdtemp(path.join(tmpdir(), "berth-bundle-"));
    const good = path.join(dir, "good.jsonl");
    const bad = path.join(dir, "bad.jsonl");
    await writeFile(good, `${lines.join("\n")}\n`);
    await writeFile(bad, `${lines.join("\n").replace("u3@example.com", "katherine@example.com")}\n`);
    const ok = await run("npx", ["tsx", "scripts/verify-bundle.ts", good, "--key", verifierKey]);
    expect(ok.stdout).toContain("5 events intact; 1 checkpoints verified");
    const failed = await run("npx", ["tsx", "scripts/verify-bundle.ts", bad, "--key", verifierKey]).catch((error: { code: number; stdout: string }) => error);
    expect(failed).toMatchObject({ code: 1, stdout: expect.stringContaining("PROBLEM: event 3: its content does not match its hash") });
  }, 60_000);
});
