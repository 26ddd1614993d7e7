// The frame around every signed-in page: navigation for the roles the person holds (a menu that
// folds away below 640 px), and who is signed in with which roles. The sign-out action comes from
// app/ as a prop, so that UI never imports the layer above it.
import Link from "next/link";
import type { ReactNode } from "react";
import type { Ctx } from "@/lib/model/actor";
import { hasRole } from "@/lib/model/roles";
import { NotificationBell } from "./notification-bell";
import { RoleBadge } from "./role-badge";

export function AppShell({ ctx, signOutAction, children }: { ctx: Ctx; signOutAction: () => Promise<void>; children: ReactNode }) {
  const { roles } = ctx.actor;
  const links = [
    { href: "/workspaces", label: "My workspaces", show: true },
    { href: "/directory", label: "Directory", show: true },
    { href: "/access", label: "Access requests", show: true },
    { href: "/admin/requests", label: "Approval queue", show: hasRole(roles, "admin") },
    { href: "/admin/workspaces", label: "Workspaces", show: hasRole(roles, "admin") },
    { href: "/admin/tiers", label: "Tiers", show: hasRole(roles, "admin") },
    { href: "/admin/notifications", label: "Notifications", show: hasRole(roles, "admin") },
    { href: "/admin/cluster", label: "Cluster", show: hasRole(roles, "admin") },
    { href: "/admin/posture", label: "Posture", show: hasRole(roles, "admin") },
    { href: "/admin/people", label: "People", show: hasRole(roles, "admin") },
    { href: "/audit", label: "Audit trail", show: hasRole(roles, "auditor") || hasRole(roles, "admin") },
    { href: "/audit/access", label: "Who has access", show: hasRole(roles, "auditor") || hasRole(roles, "admin") },
  ].filter((link) => link.show);
  const navLinks = (className: string) =>
    links.map((link) => (
      <Link key={link.href} href={link.href} className={className}>
        {link.label}
      </Link>
    ));

  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
          <Link href="/" className="text-lg font-semibold text-brand-900">
            Berth
          </Link>
          <nav aria-label="Main" className="hidden flex-wrap gap-x-4 gap-y-1 text-sm sm:flex">
            {navLinks("text-slate-700 hover:text-brand-700")}
          </nav>
          <div className="ml-auto flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1 text-sm">
            <NotificationBell ctx={ctx} />
            <span className="min-w-0 break-all text-slate-600" data-testid="signed-in-as">
              {ctx.actor.email}
              <RoleBadge roles={roles} staleRoles={ctx.staleRoles ?? []} rolesExpireAt={ctx.rolesExpireAt} />
            </span>
            <form action={signOutAction}>
              <button type="submit" className="text-slate-600 underline hover:text-slate-900">
                Sign out
              </button>
            </form>
          </div>
          {/* Below 640 px the links fold into a menu; no script needed. */}
          <details className="w-full text-sm sm:hidden">
            <summary className="cursor-pointer py-1 font-medium text-slate-700">Menu</summary>
            <nav aria-label="Main" className="mt-1 flex flex-col">
              {navLinks("rounded px-1 py-2 text-slate-700 hover:bg-slate-100")}
            </nav>
          </details>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}
