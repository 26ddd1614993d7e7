// POST /audit/export (a form: format=csv|jsonl|bundle and the filter's fields): the filtered
// trail, or the whole trail as an offline-verifiable bundle, as a streamed download. A POST,
// because starting an export writes an audit event: no link (or cross-site page) can start
// one with a GET, and a cross-site POST is refused by its Origin (THREATS 68).
import type { NextRequest } from "next/server";
import { exportAuditEvents } from "@/lib/audit-trail/export";
import { parseAuditFilter } from "@/lib/audit-trail/filter";
import { downloadResponse, errorResponse, formParams, routeCtx, sameOrigin, textResponse } from "@/lib/operations/route-ctx";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest): Promise<Response> {
  if (!sameOrigin(request)) return textResponse(403, "Start an export from Berth's audit page.");
  const ctx = await routeCtx(exportAuditEvents.declaration.title);
  if (ctx instanceof Response) return ctx;
  const params = await formParams(request);
  if (!params) return textResponse(400, "Send the export form's fields.");
  const format = params.get("format") ?? "csv";
  params.delete("format");
  if (format !== "csv" && format !== "jsonl" && format !== "bundle") return textResponse(400, "format: choose csv, jsonl or bundle.");
  try {
    const download = await exportAuditEvents(ctx, { filter: parseAuditFilter(params), format });
    return downloadResponse(download);
  } catch (error) {
    return errorResponse(error);
  }
}
