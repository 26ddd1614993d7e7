-- In-app notifications, and usage over time.

-- Who reads a notification in the app: the workspace's owner (recipient_email, case-folded) or
-- every admin (audience 'admin'). Derived from the event when it is written (lib/notifications/outbox.ts).
ALTER TABLE "notifications" ADD COLUMN "audience" TEXT NOT NULL DEFAULT 'owner';
ALTER TABLE "notifications" ADD COLUMN "recipient_email" TEXT;
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_audience_check" CHECK ("audience" IN ('owner', 'admin'));
UPDATE "notifications" SET "audience" = 'admin' WHERE "event" = 'request.created';
UPDATE "notifications" SET "recipient_email" = lower("payload" #>> '{berth,workspace,owner}') WHERE "audience" = 'owner';
CREATE INDEX "notifications_recipient_email_created_at_idx" ON "notifications"("recipient_email", "created_at" DESC);
CREATE INDEX "notifications_audience_created_at_idx" ON "notifications"("audience", "created_at" DESC);

-- One row per person per notification they marked read.
CREATE TABLE "notification_reads" (
    "notification_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "read_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "notification_reads_pkey" PRIMARY KEY ("notification_id", "user_id"),
    CONSTRAINT "notification_reads_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "notification_reads_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "notification_reads_user_id_idx" ON "notification_reads"("user_id");

-- kf-resource-quota status.used, sampled by the reconciler into a ring of a fixed number of slots
-- per workspace (slot = bucket mod slots): retention is bounded by construction, and the app role
-- never needs DELETE. A slot is overwritten only by a sample of a later bucket.
CREATE TABLE "workspace_usage_samples" (
    "workspace_id" UUID NOT NULL,
    "slot" INTEGER NOT NULL,
    "bucket" BIGINT NOT NULL,
    "sampled_at" TIMESTAMPTZ(3) NOT NULL,
    "used" JSONB NOT NULL,
    "hard" JSONB NOT NULL,
    CONSTRAINT "workspace_usage_samples_pkey" PRIMARY KEY ("workspace_id", "slot"),
    CONSTRAINT "workspace_usage_samples_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- The admin Workspaces list sorts and pages by these (keyset on (key, id)).
CREATE INDEX "workspaces_name_id_idx" ON "workspaces"("name", "id");
CREATE INDEX "workspaces_updated_at_id_idx" ON "workspaces"("updated_at" DESC, "id" DESC);
