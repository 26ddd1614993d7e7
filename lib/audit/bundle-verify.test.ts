// The offline verifier detects a tampered bundle, a forged checkpoint signature and a fork,
// and names each (THREATS 67).
import { describe, expect, it } from "vitest";
import { GENESIS_HASH, hashEvent, type ChainedFields } from "./chain";
import { CompactRange, leafHash } from "./merkle";
import { generateSignerKey, parseSignerKey, signCheckpoint } from "./checkpoint-note";
import { BUNDLE_FORMAT, verifyBundle } from "./bundle-verify";

const { signerKey, verifierKey } = generateSignerKey("berth.test/audit");
const signer = parseSignerKey(signerKey);

function buildBundle(count: number, checkpointAt: number[], variant = ""): { header: string; checkpoints: string[]; events: string[] } {
  const range = new CompactRange();
  let prevHash = GENESIS_HASH;
  const events: string[] = [];
  const checkpoints: string[] = [];
  for (let i = 1; i <= count; i++) {
    const fields: ChainedFields = {
      seq: BigInt(i),
      occurredAt: new Date(Date.UTC(2026, 11, 2, 1, 0, i)),
      actorIssuer: "http://dex",
      actorSubject: `s${i}`,
      actorEmail: `user${i}${variant}@example.com`,
      actorName: null,
      actorRoles: ["admin"],
      action: "workspace.approved",
      targetType: "workspace",
      targetId: `w${i}`,
      targetName: `ws-${i}`,
      before: { status: "PENDING" },
      after: { status: "PROVISIONING" },
      reason: null,
      result: "success",
      errorCode: null,
      requestId: `r${i}`,
      clientAddress: null,
      userAgent: null,
      kubeAuditId: null,
      prevHash,
    };
    const hash = hashEvent(fields);
    events.push(JSON.stringify({ type: "event", ...fields, seq: String(i), occurredAt: fields.occurredAt.toISOString(), hash }));
    prevHash = hash;
    range.append(leafHash(hash));
    if (checkpointAt.includes(i)) {
      checkpoints.push(JSON.stringify({ type: "checkpoint", note: signCheckpoint({ origin: signer.name, size: range.size, root: range.root(), time: new Date() }, signer) }));
    }
  }
  return { header: JSON.stringify({ type: "header", format: BUNDLE_FORMAT, verifierKey }), checkpoints, events };
}

const lines = (b: { header: string; checkpoints: string[]; events: string[] }) => [b.header, ...b.checkpoints, ...b.events];

describe("offline bundle verification", () => {
  it("accepts an intact bundle, with the published key given", () => {
    const report = verifyBundle(lines(buildBundle(40, [10, 33, 40])), { verifierKey });
    expect(report).toMatchObject({ ok: true, events: 40, checkpoints: 3, verifiedSize: "40", problems: [], keyFromBundle: false });
  });

  it("names the event whose content was altered", () => {
    const bundle = buildBundle(20, [20]);
    bundle.events[6] = (bundle.events[6] as string).replace("user7@example.com", "katherine@example.com");
    const report = verifyBundle(lines(bundle), { verifierKey });
    expect(report.ok).toBe(false);
    expect(report.problems).toContain("event 7: its content does not match its hash (the event was altered)");
  });

  it("names a history rewritten and rehashed consistently, by the signed root it no longer gives", () => {
    const original = buildBundle(20, [20]);
    const rewritten = buildBundle(20, [], "-rewritten");
    const report = verifyBundle([original.header, ...original.checkpoints, ...rewritten.events], { verifierKey });
    expect(report.ok).toBe(false);
    expect(report.problems.join("\n")).toMatch(/checkpoint on line 2: the events 1\.\.20 give root [0-9a-f]{64}, not the signed [0-9a-f]{64} \(history was rewritten\)/);
  });

  it("names a forged checkpoint signature", () => {
    const bundle = buildBundle(12, [12]);
    const note = (JSON.parse(bundle.checkpoints[0] as string) as { note: string }).note;
    // Another root under the original signature: only the key's holder can sign a new one.
    const forged = note.replace(`\n${note.split("\n")[2]}\n`, `\n${Buffer.alloc(32, 7).toString("base64")}\n`);
    expect(forged).not.toBe(note);
    bundle.checkpoints[0] = JSON.stringify({ type: "checkpoint", note: forged });
    const report = verifyBundle(lines(bundle), { verifierKey });
    expect(report.ok).toBe(false);
    expect(report.problems.join("\n")).toMatch(/checkpoint on line 2: the signature by berth\.test\/audit does not verify/);
  });

  it("names a checkpoint signed by another key when the published key is given", () => {
    const bundle = buildBundle(5, [5]);
    const other = generateSignerKey("berth.test/audit");
    const report = verifyBundle(lines(bundle), { verifierKey: other.verifierKey });
    expect(report.problems.join("\n")).toMatch(/no signature by berth\.test\/audit/);
  });

  it("names a fork: two checkpoints of one size with different roots", () => {
    const bundle = buildBundle(8, [8]);
    const forkRange = new CompactRange();
    for (let i = 0; i < 8; i++) forkRange.append(leafHash(String(i).padStart(64, "a")));
    const fork = signCheckpoint({ origin: signer.name, size: 8n, root: forkRange.root(), time: new Date() }, signer);
    const report = verifyBundle(lines(bundle), { verifierKey, extraCheckpoints: [{ source: "witness checkpoint-8.note", note: fork }] });
    expect(report.ok).toBe(false);
    expect(report.problems.join("\n")).toMatch(/fork: two checkpoints of size 8 with different roots \(checkpoint on line 2: [0-9a-f]{64}, witness checkpoint-8\.note: [0-9a-f]{64}\)/);
  });

  it("names removed events: a checkpoint beyond the last event, and a gap", () => {
    const bundle = buildBundle(10, [10]);
    expect(verifyBundle(lines({ ...bundle, events: bundle.events.slice(0, 9) }), { verifierKey }).problems.join("\n")).toMatch(/covers 10 events, the bundle holds only 9 \(events were removed\)/);
    const gap = [...bundle.events.slice(0, 4), ...bundle.events.slice(5)];
    expect(verifyBundle(lines({ ...bundle, events: gap }), { verifierKey }).problems.join("\n")).toMatch(/event 5 is missing \(line \d+ holds event 6\)/);
  });

  it("says when the key came from the bundle itself", () => {
    expect(verifyBundle(lines(buildBundle(3, [3]))).keyFromBundle).toBe(true);
  });
});
