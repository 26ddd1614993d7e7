import type { ReactNode } from "react";
import { signOutAction } from "@/app/(auth)/signin/actions";
import { PostureBanner } from "@/components/guardrails/posture-banner";
import { AppShell } from "@/components/shell/app-shell";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { listFailingPosture } from "@/lib/cluster/posture";
import { AUDIENCES } from "@/lib/model/roles";

// Convenience only: every page and data function below checks the session itself,
// because layouts do not re-run on client-side navigation.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const ctx = await requirePageCtx(AUDIENCES.admin);
  // The banner reads the database only; a role-checked operation like any other read.
  const failing = await listFailingPosture(ctx, {}).catch(() => []);
  return (
    <AppShell ctx={ctx} signOutAction={signOutAction}>
      <PostureBanner failing={failing} />
      {children}
    </AppShell>
  );
}
