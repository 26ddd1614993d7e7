// GET /api/live?workspaceId=… or ?scope=queue|cluster|workspaces: the fingerprint the pages' live
// pollers compare (lib/cluster/live.ts). Authorized inside the operations, like the pages themselves.
import { readAdminLive, readWorkspaceLive } from "@/lib/cluster/live";
import { errorResponse, routeCtx } from "@/lib/operations/route-ctx";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const workspaceId = params.get("workspaceId");
  const ctx = await routeCtx(workspaceId === null ? "following the admin pages" : "following a workspace's status");
  if (ctx instanceof Response) return ctx;
  try {
    const state = workspaceId === null
      ? await readAdminLive(ctx, { scope: params.get("scope") ?? "" })
      : await readWorkspaceLive(ctx, { workspaceId });
    return Response.json(state, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
