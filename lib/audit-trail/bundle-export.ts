// The offline-verifiable bundle (THREATS 67): one JSON-lines file with a header (format and
// the log's verifier key), every signed checkpoint up to the export, then every event from
// seq 1 in order, as stored. scripts/verify-bundle.ts checks it with no database.
import { BUNDLE_FORMAT } from "@/lib/audit/bundle-verify";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { jsonLine } from "./export-format";

const BATCH = 1_000;

/** Every stored column of an event, as the exports write them. */
export const fullSelect = {
  seq: true,
  occurredAt: true,
  actorIssuer: true,
  actorSubject: true,
  actorEmail: true,
  actorName: true,
  actorRoles: true,
  action: true,
  targetType: true,
  targetId: true,
  targetName: true,
  before: true,
  after: true,
  reason: true,
  result: true,
  errorCode: true,
  requestId: true,
  clientAddress: true,
  userAgent: true,
  kubeAuditId: true,
  prevHash: true,
  hash: true,
} as const satisfies Prisma.AuditEventSelect;


export function bundleStream(db: Db, upTo: bigint, verifierKey: string | null): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let stage: "header" | "checkpoints" | "events" = "header";
  let after = 0n;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (stage === "header") {
        stage = "checkpoints";
        const header = { type: "header", format: BUNDLE_FORMAT, verifierKey, events: upTo.toString(), exportedAt: new Date().toISOString() };
        return controller.enqueue(encoder.encode(`${JSON.stringify(header)}\n`));
      }
      if (stage === "checkpoints") {
        stage = "events";
        const checkpoints = await db.auditCheckpoint.findMany({ where: { treeSize: { lte: upTo } }, orderBy: { treeSize: "asc" }, select: { note: true } });
        const text = checkpoints.map((c) => `${JSON.stringify({ type: "checkpoint", note: c.note })}\n`).join("");
        if (text) controller.enqueue(encoder.encode(text));
        return;
      }
      const rows = await db.auditEvent.findMany({ where: { seq: { gt: after, lte: upTo } }, orderBy: { seq: "asc" }, take: BATCH, select: fullSelect });
      if (rows.length === 0) return controller.close();
      after = rows.at(-1)?.seq ?? upTo;
      controller.enqueue(encoder.encode(rows.map((row) => jsonLine(row, { type: "event" })).join("")));
    },
  });
}
