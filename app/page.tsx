// The front door: each audience lands on its own page.
import { redirect } from "next/navigation";
import { hasRole } from "@/lib/model/roles";
import { currentCtx } from "@/lib/auth/session";

export default async function Home() {
  const ctx = await currentCtx();
  if (!ctx) redirect("/signin");
  if (hasRole(ctx.actor.roles, "admin")) redirect("/admin/requests");
  if (hasRole(ctx.actor.roles, "auditor")) redirect("/audit");
  redirect("/workspaces");
}
