// For pages: the signed-in context, or a redirect to sign-in; a wrong role gets the 403
// page. The operations the page calls check the role again on their own.
import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { safeReturnPath } from "./return-path";
import type { Ctx } from "@/lib/model/actor";
import { hasRole, type Role } from "@/lib/model/roles";
import { currentCtx } from "./session";

/** A page is guarded by the operation it shows (its declared roles) or, for a layout, by an audience. */
export type PageGuard = { declaration: { roles: readonly Role[] } } | readonly Role[];

export async function requirePageCtx(guard: PageGuard): Promise<Ctx> {
  const anyOf: readonly Role[] = "declaration" in guard ? guard.declaration.roles : guard;
  const ctx = await currentCtx();
  if (!ctx) redirect("/signin");
  if (anyOf.some((role) => hasRole(ctx.actor.roles, role))) return ctx;
  // The role was held at sign-in but needs confirming: back through Dex, then to this page.
  if (ctx.staleRoles?.some((role) => anyOf.includes(role))) {
    const here = safeReturnPath((await headers()).get("x-berth-path"));
    redirect(`/signin?reauth=1&callbackUrl=${encodeURIComponent(here)}`);
  }
  forbidden();
}
