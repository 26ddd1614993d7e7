"use server";
// Request a workspace: the operation authorizes, parses and applies the rules (lib/workspaces).
import { redirect } from "next/navigation";
import { deliverSoon } from "@/lib/notifications/deliver-soon";
import { serverAction } from "@/lib/operations/server-action";
import { requestWorkspace } from "@/lib/workspaces/request";

export const requestWorkspaceAction = serverAction(requestWorkspace, ({ input }) => {
  deliverSoon();
  redirect(`/workspaces?requested=${encodeURIComponent(input.name)}`);
});
