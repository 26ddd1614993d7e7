// GET /audit/access/export?format=csv|jsonl[&asOf=…]: who has access to what, as a download.
import type { NextRequest } from "next/server";
import { exportAccessReport } from "@/lib/access/report";
import { downloadResponse, errorResponse, routeCtx } from "@/lib/operations/route-ctx";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest): Promise<Response> {
  const ctx = await routeCtx(exportAccessReport.declaration.title);
  if (ctx instanceof Response) return ctx;
  const params = request.nextUrl.searchParams;
  try {
    const download = await exportAccessReport(ctx, { format: params.get("format") ?? "csv", ...(params.get("asOf") ? { asOf: params.get("asOf") } : {}) });
    return downloadResponse(download);
  } catch (error) {
    return errorResponse(error);
  }
}
