// For pages: the signed-in context, or a redirect to sign-in; a wrong role gets the 403
// page. The data functions the page calls check the role again on their own.
import "server-only";
import { forbidden, redirect } from "next/navigation";
import type { Ctx } from "./context";
import { hasRole, type Role } from "./roles";
import { currentCtx } from "./session";

export async function requirePageCtx(anyOf: Role[] = ["requester"]): Promise<Ctx> {
  const ctx = await currentCtx();
  if (!ctx) redirect("/signin");
  if (!anyOf.some((role) => hasRole(ctx.actor.roles, role))) forbidden();
  return ctx;
}
