-- The request and approval workflow: tier maximums and container defaults, custom requests,
-- look-alike detection, end dates and renewals, recorded approvals, and a notification outbox.

-- max_hard: the most an admin may grant on this tier without an explicit override (NULL: the tier's hard).
-- container_defaults: {"defaultRequest": {...}, "default": {...}} written as a LimitRange with the workspace.
ALTER TABLE "quota_tiers"
    ADD COLUMN "max_hard" JSONB,
    ADD COLUMN "container_defaults" JSONB;

ALTER TABLE "workspaces"
    ADD COLUMN "name_skeleton" TEXT,
    ADD COLUMN "custom_justification" TEXT,
    ADD COLUMN "quota_override" BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN "expires_at" TIMESTAMPTZ(3),
    ADD COLUMN "expiry_notice_at" TIMESTAMPTZ(3),
    ADD COLUMN "renewal_requested_at" TIMESTAMPTZ(3),
    ADD COLUMN "renewal_reason" TEXT;

-- The same folding as lib/workspaces/look-alike.ts: drop '-', then 0→o, 1→l, i→l, 3→e, 5→s.
UPDATE "workspaces" SET "name_skeleton" = translate(replace("name", '-', ''), '01i35', 'olles');
CREATE INDEX "workspaces_name_skeleton_idx" ON "workspaces"("name_skeleton");
CREATE INDEX "workspaces_expires_at_idx" ON "workspaces"("expires_at");

-- One row per admin approval. `purpose` is "request" or "renewal:<n>"; the unique index
-- makes a double click by one admin count once.
CREATE TABLE "workspace_approvals" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "approver_id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "workspace_approvals_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "workspace_approvals_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "workspace_approvals_approver_id_fkey" FOREIGN KEY ("approver_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "workspace_approvals_workspace_id_purpose_approver_id_key"
    ON "workspace_approvals"("workspace_id", "purpose", "approver_id");

-- Webhook notifications, written in the transaction of the event they announce and
-- delivered afterwards with retries, so a slow or failing receiver never blocks anyone.
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "event" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),
    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "notifications_status_check" CHECK ("status" IN ('PENDING', 'DELIVERED', 'FAILED'))
);
CREATE INDEX "notifications_status_next_attempt_at_idx" ON "notifications"("status", "next_attempt_at");
