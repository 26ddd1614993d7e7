import type { ReactNode } from "react";
import { signOutAction } from "@/app/(auth)/signin/actions";
import { AppShell } from "@/components/shell/app-shell";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { AUDIENCES } from "@/lib/model/roles";

// Convenience only: every page and data function below checks the session itself,
// because layouts do not re-run on client-side navigation.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const ctx = await requirePageCtx(AUDIENCES.admin);
  return <AppShell ctx={ctx} signOutAction={signOutAction}>{children}</AppShell>;
}
