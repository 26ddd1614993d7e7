-- The reconciler's last look at the cluster, for the Cluster page: any replica serves it from one
-- row instead of listing the cluster per view. One row only (id 1), overwritten by each scan.
CREATE TABLE "cluster_scans" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "observed_at" TIMESTAMPTZ(3) NOT NULL,
    "source" TEXT NOT NULL,
    "drifted" JSONB NOT NULL,
    "unmanaged" JSONB NOT NULL,
    "error" JSONB,
    CONSTRAINT "cluster_scans_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "cluster_scans_single_row_check" CHECK ("id" = 1),
    CONSTRAINT "cluster_scans_source_check" CHECK ("source" IN ('watch', 'list'))
);

-- The generation whose Profile an approval applied and audited itself (its fast path): the
-- reconciler then confirms it without applying it again or writing a second profile.applied.
ALTER TABLE "workspaces" ADD COLUMN "profile_applied_generation" INTEGER NOT NULL DEFAULT 0;
