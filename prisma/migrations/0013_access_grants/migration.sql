-- Contributors: access to an existing workspace, asked for, decided, written to the cluster as
-- KFAM's RoleBinding + AuthorizationPolicy, expiring, and revoked; plus the workspace directory.

-- The directory shows listed workspaces with their owner's description.
ALTER TABLE "workspaces" ADD COLUMN "description" TEXT;
ALTER TABLE "workspaces" ADD COLUMN "unlisted" BOOLEAN NOT NULL DEFAULT false;

-- Tier policy for contributors: the longest grant (null: no end date required) and whether an
-- admin must approve besides the owner.
ALTER TABLE "quota_tiers" ADD COLUMN "access_max_days" INTEGER;
ALTER TABLE "quota_tiers" ADD COLUMN "access_admin_approval" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "quota_tiers" ADD CONSTRAINT "quota_tiers_access_max_days_check" CHECK ("access_max_days" IS NULL OR "access_max_days" >= 1);

CREATE TABLE "access_grants" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "subject_kind" TEXT NOT NULL,
    -- As written into the cluster (the identity header carries it so); subject_key is the folded form.
    "subject" TEXT NOT NULL,
    "subject_key" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "ends_at" TIMESTAMPTZ(3),
    "requested_by_id" UUID NOT NULL,
    -- The owner's approval when an admin must approve too.
    "approved_by_id" UUID,
    "decided_by_id" UUID,
    "decision_note" TEXT,
    "state" TEXT NOT NULL DEFAULT 'PENDING',
    -- The cluster holds what the state says (objects present when ACTIVE, absent after).
    "synced" BOOLEAN NOT NULL DEFAULT false,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "object_name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "access_grants_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "access_grants_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "access_grants_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "access_grants_approved_by_id_fkey" FOREIGN KEY ("approved_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "access_grants_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "access_grants_subject_kind_check" CHECK ("subject_kind" IN ('User', 'Group')),
    -- Never admin: the owner's role is the profile controller's, not a grant's.
    CONSTRAINT "access_grants_role_check" CHECK ("role" IN ('view', 'edit')),
    CONSTRAINT "access_grants_state_check" CHECK ("state" IN ('PENDING', 'AWAITING_ADMIN', 'ACTIVE', 'REJECTED', 'CANCELLED', 'REVOKED', 'EXPIRED')),
    CONSTRAINT "access_grants_subject_key_check" CHECK ("subject_kind" = 'Group' OR "subject_key" = lower("subject_key"))
);
-- One open grant (asked, waiting or active) per workspace and person or group.
CREATE UNIQUE INDEX "access_grants_one_open" ON "access_grants"("workspace_id", "subject_kind", "subject_key")
    WHERE "state" IN ('PENDING', 'AWAITING_ADMIN', 'ACTIVE');
CREATE INDEX "access_grants_workspace_id_state_idx" ON "access_grants"("workspace_id", "state");
CREATE INDEX "access_grants_state_ends_at_idx" ON "access_grants"("state", "ends_at");
CREATE INDEX "access_grants_synced_next_attempt_at_idx" ON "access_grants"("synced", "next_attempt_at");

-- Contributor objects the reconciler found that no active grant explains (or an active grant's
-- objects gone missing): shown on the Cluster page, audited once when first seen.
CREATE TABLE "access_drift" (
    "namespace" TEXT NOT NULL,
    "object_name" TEXT NOT NULL,
    -- unmanaged: in the cluster without a grant; missing: a grant's objects are not in the cluster.
    "kind" TEXT NOT NULL,
    "subject_kind" TEXT,
    "subject" TEXT,
    "role" TEXT,
    -- Which kinds were seen: binding, policy or both.
    "objects" TEXT NOT NULL,
    "grant_id" UUID,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- Gone from the cluster, adopted or removed; a later occurrence opens the row (and audits) again.
    -- The app's role deletes nothing, so a finding is closed rather than deleted.
    "resolved_at" TIMESTAMPTZ(3),
    CONSTRAINT "access_drift_pkey" PRIMARY KEY ("namespace", "object_name"),
    CONSTRAINT "access_drift_kind_check" CHECK ("kind" IN ('unmanaged', 'missing'))
);
