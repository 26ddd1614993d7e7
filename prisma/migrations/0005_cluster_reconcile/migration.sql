-- Desired state for the reconciler: every change of what the cluster should hold bumps
-- "generation"; "applied_generation" is the last one the cluster confirmed. Failed
-- attempts are counted and spaced out by "next_attempt_at"; "drift" is the fingerprint of
-- the last drift seen, so that drift is audited once per occurrence.
ALTER TABLE "workspaces"
    ADD COLUMN "generation" INTEGER NOT NULL DEFAULT 1,
    ADD COLUMN "applied_generation" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "next_attempt_at" TIMESTAMPTZ(3),
    ADD COLUMN "last_error" TEXT,
    ADD COLUMN "provision_step" TEXT,
    ADD COLUMN "drift" TEXT,
    ADD COLUMN "blocked" BOOLEAN NOT NULL DEFAULT false;

-- Workspaces that were active before this migration are confirmed as they are.
UPDATE "workspaces" SET "applied_generation" = "generation" WHERE "status" = 'ACTIVE';

-- The reconciler's work list: unconfirmed desired state, by due time.
CREATE INDEX "workspaces_reconcile_idx" ON "workspaces"("next_attempt_at")
    WHERE "applied_generation" < "generation" AND NOT "blocked" AND "status" IN ('PROVISIONING', 'ACTIVE', 'SUSPENDED', 'DECOMMISSIONED');

-- A suspended workspace keeps its name; a decommissioned one releases it.
DROP INDEX "workspaces_open_name_key";
CREATE UNIQUE INDEX "workspaces_open_name_key" ON "workspaces"("name")
    WHERE "status" IN ('PENDING', 'PROVISIONING', 'ACTIVE', 'FAILED', 'SUSPENDED');

-- Profiles adopted from the cluster get this tier: retired, so nobody can request it.
INSERT INTO "quota_tiers" ("id", "slug", "name", "description", "hard", "approvals_required", "lifetime_days", "retired_at")
VALUES (gen_random_uuid(), 'adopted', 'Adopted', 'A Profile that existed in the cluster before Berth managed it; its quota is kept as found.',
        '{"pods": "0"}', 1, NULL, CURRENT_TIMESTAMP)
ON CONFLICT ("slug") DO NOTHING;
