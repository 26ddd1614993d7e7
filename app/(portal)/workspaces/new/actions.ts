"use server";
// Request a workspace: parse and authorize in the wrapper, the rules in lib/workspaces.
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { deliverSoon } from "@/lib/notifications/deliver-soon";
import { requestWorkspace } from "@/lib/workspaces/request";

const requestWorkspaceAction = defineAction("requesting a workspace", ["requester"], async (ctx, fields) => {
  await requestWorkspace(ctx, fields);
  deliverSoon();
  redirect(`/workspaces?requested=${encodeURIComponent(fields.name ?? "")}`);
});

export { requestWorkspaceAction };
