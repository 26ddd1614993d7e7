// The live poller for an admin page (queue, cluster, workspaces list): reads the page's fingerprint
// through its operation on the server, so the first poll compares with what was rendered.
import type { Ctx } from "@/lib/model/actor";
import { readAdminLive } from "@/lib/cluster/live";
import { LiveRefresh } from "./live-refresh";

export async function LiveAdmin({ ctx, scope, announcement }: { ctx: Ctx; scope: "queue" | "cluster" | "workspaces"; announcement: string }) {
  const live = await readAdminLive(ctx, { scope });
  return <LiveRefresh source={`/api/live?scope=${scope}`} v={live.v} inFlight={live.inFlight} announcement={announcement} quiet />;
}
