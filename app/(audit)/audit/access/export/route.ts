// POST /audit/access/export (a form: format=csv|jsonl[, asOf]): who has access to what, as a
// download. A POST, because an export is audited: no link or cross-site page starts one (THREATS 68).
import type { NextRequest } from "next/server";
import { exportAccessReport } from "@/lib/access/report";
import { downloadResponse, errorResponse, formParams, routeCtx, sameOrigin, textResponse } from "@/lib/operations/route-ctx";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest): Promise<Response> {
  if (!sameOrigin(request)) return textResponse(403, "Start an export from Berth's access page.");
  const ctx = await routeCtx(exportAccessReport.declaration.title);
  if (ctx instanceof Response) return ctx;
  const params = await formParams(request);
  if (!params) return textResponse(400, "Send the export form's fields.");
  const asOf = params.get("asOf");
  try {
    const download = await exportAccessReport(ctx, { format: params.get("format") ?? "csv", ...(asOf ? { asOf } : {}) });
    return downloadResponse(download);
  } catch (error) {
    return errorResponse(error);
  }
}
