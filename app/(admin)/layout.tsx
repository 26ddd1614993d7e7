import type { ReactNode } from "react";
import { signOutAction } from "@/app/(auth)/signin/actions";
import { DatabaseRoleBanner } from "@/components/admin/database-role-banner";
import { AppShell } from "@/components/shell/app-shell";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { databaseRoleSafety } from "@/lib/db/role-safety";
import { AUDIENCES } from "@/lib/model/roles";

// Convenience only: every page and data function below checks the session itself,
// because layouts do not re-run on client-side navigation.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const ctx = await requirePageCtx(AUDIENCES.admin);
  // The banner is advice: if the check itself fails, readiness reports the database, not the page.
  const role = await databaseRoleSafety().catch(() => null);
  return (
    <AppShell ctx={ctx} signOutAction={signOutAction}>
      {role && <DatabaseRoleBanner problems={role.problems} allowed={role.allowed} />}
      {children}
    </AppShell>
  );
}
