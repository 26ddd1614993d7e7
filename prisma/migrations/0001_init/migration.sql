-- Initial schema: users, quota tiers, workspaces and the append-only audit trail.

CREATE TYPE "workspace_status" AS ENUM ('PENDING', 'PROVISIONING', 'ACTIVE', 'REJECTED', 'FAILED', 'CANCELLED');

CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "email_verified" BOOLEAN NOT NULL,
    "name" TEXT,
    "last_roles" TEXT[],
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "users_issuer_subject_key" ON "users"("issuer", "subject");

CREATE TABLE "quota_tiers" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "hard" JSONB NOT NULL,
    "approvals_required" INTEGER NOT NULL DEFAULT 1,
    "lifetime_days" INTEGER,
    "retired_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "quota_tiers_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "quota_tiers_slug_key" ON "quota_tiers"("slug");

CREATE TABLE "workspaces" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "status" "workspace_status" NOT NULL DEFAULT 'PENDING',
    "status_message" TEXT,
    "reason" TEXT NOT NULL,
    "requester_id" UUID NOT NULL,
    "owner_email" TEXT NOT NULL,
    "tier_id" UUID NOT NULL,
    "hard" JSONB NOT NULL,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "decision_note" TEXT,
    "applied_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "workspaces_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "workspaces_requester_id_fkey" FOREIGN KEY ("requester_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "workspaces_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "workspaces_tier_id_fkey" FOREIGN KEY ("tier_id") REFERENCES "quota_tiers"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "workspaces_requester_id_created_at_idx" ON "workspaces"("requester_id", "created_at" DESC);
CREATE INDEX "workspaces_status_created_at_idx" ON "workspaces"("status", "created_at");
-- A name stays taken while its request is open or its Profile may exist; rejected and
-- cancelled requests release it. Two racing requests for one name: the second insert fails here.
CREATE UNIQUE INDEX "workspaces_open_name_key" ON "workspaces"("name")
    WHERE "status" IN ('PENDING', 'PROVISIONING', 'ACTIVE', 'FAILED');

CREATE TABLE "audit_events" (
    "seq" BIGINT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "actor_issuer" TEXT,
    "actor_subject" TEXT,
    "actor_email" TEXT,
    "actor_name" TEXT,
    "actor_roles" TEXT[],
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "target_name" TEXT,
    "before" JSONB,
    "after" JSONB,
    "reason" TEXT,
    "result" TEXT NOT NULL,
    "error_code" TEXT,
    "request_id" TEXT,
    "client_address" TEXT,
    "user_agent" TEXT,
    "kube_audit_id" TEXT,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("seq")
);
CREATE UNIQUE INDEX "audit_events_hash_key" ON "audit_events"("hash");
CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events"("occurred_at" DESC);

-- The chain head: one row, locked FOR UPDATE by every audit writer so positions are
-- assigned one at a time and concurrent writers never fork the chain.
CREATE TABLE "audit_chain_head" (
    "id" INTEGER NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    CONSTRAINT "audit_chain_head_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "audit_chain_head_single_row" CHECK ("id" = 1)
);
INSERT INTO "audit_chain_head" ("id", "seq", "hash")
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Append-only: rows may be inserted, never changed or removed, whoever asks.
CREATE FUNCTION "audit_events_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "audit_events_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_events"
    FOR EACH ROW EXECUTE FUNCTION "audit_events_refuse_change"();
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
    FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_refuse_change"();
