-- The provisioning deadline: since when Berth has waited for the profile controller to act on an
-- apply, and when that wait became overdue (audited once, shown to admins until the cluster answers).
ALTER TABLE "workspaces" ADD COLUMN "waiting_since" TIMESTAMPTZ(3);
ALTER TABLE "workspaces" ADD COLUMN "overdue_at" TIMESTAMPTZ(3);
-- The admins' banner lists the overdue workspaces.
CREATE INDEX "workspaces_overdue_at_idx" ON "workspaces"("overdue_at");
