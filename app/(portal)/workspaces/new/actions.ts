"use server";
// Request a workspace: parse and authorize in the wrapper, the rules in lib/workspaces.
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { requestWorkspace } from "@/lib/workspaces/request";

const requestWorkspaceAction = defineAction("requesting a workspace", ["requester"], async (ctx, fields) => {
  await requestWorkspace(ctx, fields);
  redirect(`/workspaces?requested=${encodeURIComponent(fields.name ?? "")}`);
});

export { requestWorkspaceAction };
