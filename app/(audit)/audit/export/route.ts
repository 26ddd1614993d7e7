// POST /audit/export (a form: format=csv|jsonl|bundle and the filter's fields): the filtered
// trail, or the whole trail as an offline-verifiable bundle, as a streamed download. A POST,
// because starting an export writes an audit event: no link (or cross-site page) can start
// one with a GET, and a cross-site POST is refused by its Origin (THREATS 68).
import type { NextRequest } from "next/server";
import { exportAuditEvents } from "@/lib/audit-trail/export";
import { parseAuditFilter } from "@/lib/audit-trail/filter";
import { errorResponse, routeCtx, textResponse } from "@/lib/operations/route-ctx";

export const dynamic = "force-dynamic";

function sameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return request.headers.get("sec-fetch-site") === "same-origin";
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    const claimed = new URL(origin).host;
    return claimed === host || claimed === request.headers.get("host");
  } catch {
    return false;
  }
}

export async function POST(request: NextRequest): Promise<Response> {
  if (!sameOrigin(request)) return textResponse(403, "Start an export from Berth's audit page.");
  const ctx = await routeCtx(exportAuditEvents.declaration.title);
  if (ctx instanceof Response) return ctx;
  const params = new URLSearchParams();
  try {
    for (const [key, value] of (await request.formData()).entries()) if (typeof value === "string") params.append(key, value);
  } catch {
    return textResponse(400, "Send the export form's fields.");
  }
  const format = params.get("format") ?? "csv";
  params.delete("format");
  if (format !== "csv" && format !== "jsonl" && format !== "bundle") return textResponse(400, "format: choose csv, jsonl or bundle.");
  try {
    const download = await exportAuditEvents(ctx, { filter: parseAuditFilter(params), format });
    return new Response(download.body, {
      headers: {
        "content-type": download.contentType,
        "content-disposition": `attachment; filename="${download.filename}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
