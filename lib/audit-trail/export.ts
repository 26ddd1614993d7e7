// Export of the current filter as CSV or JSONL, or of the whole trail as an offline-verifiable
// bundle (bundle-export.ts), streamed page by page (keyset), never held in memory as a whole. The export itself is audited first: who, which filter, which format.
import "server-only";
import { z } from "zod";
import type { Ctx } from "@/lib/model/actor";
import { db } from "@/lib/db/client";
import { defineOperation } from "@/lib/operations/define-operation";
import { csvHeader, csvLine, jsonLine, type ExportRow } from "./export-format";
import { auditFilter, describeFilter } from "./filter";
import { auditWhere, readAuditPage } from "./page-query";
import { recordAuditEvent } from "@/lib/audit/record";
import { bundleStream, fullSelect } from "./bundle-export";
import { checkpointSettings } from "./checkpoints";

const exportInput = z.strictObject({ filter: auditFilter, format: z.enum(["csv", "jsonl", "bundle"]) });
export type ExportFormat = z.infer<typeof exportInput>["format"];
const BATCH = 500;


export interface AuditExport {
  filename: string;
  contentType: string;
  body: ReadableStream<Uint8Array>;
}

export const exportAuditEvents = defineOperation({
  name: "audit.export",
  title: "exporting the audit trail",
  roles: ["auditor", "admin"],
  input: exportInput,
  audit: ["audit.exported"],
  rateLimit: "export",
  run: exportTrail,
});

async function exportTrail(ctx: Ctx, { filter, format }: z.infer<typeof exportInput>): Promise<AuditExport> {
  const criteria = describeFilter(filter);
  const exportSeq = await recordAuditEvent({
    action: "audit.exported",
    result: "success",
    actor: ctx.actor,
    context: ctx.meta,
    target: { type: "audit_trail" },
    after: { format, filter: criteria },
  });
  const stamp = new Date().toISOString().replaceAll(":", "").slice(0, 15);
  if (format === "bundle") {
    // The whole trail up to the export's own event, whatever the filter: a verifier needs every leaf.
    return {
      filename: `berth-audit-bundle-${stamp}.jsonl`,
      contentType: "application/x-ndjson; charset=utf-8",
      body: bundleStream(db, exportSeq, checkpointSettings().signer?.verifierKey ?? null),
    };
  }
  const where = await auditWhere(db, filter);
  // Everything up to and including the export's own event; later events are not included.
  let cursor: bigint | null = exportSeq + 1n;
  let started = false;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        if (format === "csv") controller.enqueue(encoder.encode(csvHeader()));
      }
      if (cursor === null) return controller.close();
      const page = await readAuditPage(db, where, cursor, BATCH, fullSelect);
      const lines = page.rows.map((row) => (format === "csv" ? csvLine(row as ExportRow) : jsonLine(row as ExportRow)));
      if (lines.length) controller.enqueue(encoder.encode(lines.join("")));
      cursor = page.nextCursor;
      if (cursor === null) controller.close();
    },
  });
  return {
    filename: `berth-audit-${stamp}.${format}`,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
    body,
  };
}
