import type { ReactNode } from "react";
import { signOutAction } from "@/app/(auth)/signin/actions";
import { DatabaseRoleBanner } from "@/components/admin/database-role-banner";
import { OverdueBanner } from "@/components/admin/cluster-banner";
import { overdueWorkspaces } from "@/lib/cluster/overview";
import { PostureBanner } from "@/components/guardrails/posture-banner";
import { AppShell } from "@/components/shell/app-shell";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { listFailingPosture } from "@/lib/cluster/posture";
import { databaseRoleSafety } from "@/lib/db/role-safety";
import { AUDIENCES } from "@/lib/model/roles";

// Convenience only: every page and data function below checks the session itself,
// because layouts do not re-run on client-side navigation.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const ctx = await requirePageCtx(AUDIENCES.admin);
  // The banners are advice: if a check itself fails, readiness and the posture page report it, not every page.
  const [failing, role, overdue] = await Promise.all([
    listFailingPosture(ctx, {}).catch(() => []),
    databaseRoleSafety().catch(() => null),
    overdueWorkspaces().catch(() => []),
  ]);
  return (
    <AppShell ctx={ctx} signOutAction={signOutAction}>
      {role && <DatabaseRoleBanner problems={role.problems} allowed={role.allowed} />}
      <PostureBanner failing={failing} />
      <OverdueBanner overdue={overdue} />
      {children}
    </AppShell>
  );
}
