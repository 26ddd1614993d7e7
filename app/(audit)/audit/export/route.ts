// GET /audit/export?format=csv|jsonl&<filter>: the filtered trail as a streamed download.
import type { NextRequest } from "next/server";
import { exportAuditEvents } from "@/lib/audit-trail/export";
import { parseAuditFilter } from "@/lib/audit-trail/filter";
import { errorResponse, routeCtx, textResponse } from "@/lib/operations/route-ctx";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest): Promise<Response> {
  const ctx = await routeCtx(exportAuditEvents.declaration.title);
  if (ctx instanceof Response) return ctx;
  const params = new URLSearchParams(request.nextUrl.searchParams);
  const format = params.get("format") ?? "csv";
  params.delete("format");
  if (format !== "csv" && format !== "jsonl") return textResponse(400, "format: choose csv or jsonl.");
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
