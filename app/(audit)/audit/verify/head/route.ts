// GET /audit/verify/head: the chain head as a small JSON file, to keep outside Berth.
import { exportHead } from "@/lib/audit-trail/verify-trail";
import { errorResponse, routeCtx } from "@/lib/operations/route-ctx";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const ctx = await routeCtx(exportHead.declaration.title);
  if (ctx instanceof Response) return ctx;
  try {
    const head = await exportHead(ctx, {});
    return new Response(`${JSON.stringify(head, null, 2)}\n`, {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="berth-audit-head-${head.seq}.json"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
