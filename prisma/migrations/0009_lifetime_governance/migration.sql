-- Lifetime governance: every change after approval is decided like the approval itself.

-- Each approval records the exact quota it approved. An approver who edits the quota supersedes
-- the approvals given before (kept for the record), so every live approval approved what is applied.
ALTER TABLE "workspace_approvals" ADD COLUMN "hard" JSONB;
ALTER TABLE "workspace_approvals" ADD COLUMN "superseded_at" TIMESTAMPTZ(3);
DROP INDEX "workspace_approvals_workspace_id_purpose_approver_id_key";
CREATE UNIQUE INDEX "workspace_approvals_live_key"
    ON "workspace_approvals"("workspace_id", "purpose", "approver_id") WHERE "superseded_at" IS NULL;
CREATE INDEX "workspace_approvals_workspace_id_purpose_idx" ON "workspace_approvals"("workspace_id", "purpose");

-- A quota change asked for after approval (by the owner, or proposed by an admin): it waits for
-- the deciders the policy names, none of them the owner, the requester or the proposer.
CREATE TABLE "workspace_changes" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "proposed_by_id" UUID NOT NULL,
    "hard" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "approvals_required" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "decision_note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),
    CONSTRAINT "workspace_changes_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "workspace_changes_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "workspace_changes_proposed_by_id_fkey" FOREIGN KEY ("proposed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "workspace_changes_status_check" CHECK ("status" IN ('PENDING', 'APPLIED', 'REJECTED', 'CANCELLED')),
    CONSTRAINT "workspace_changes_approvals_required_check" CHECK ("approvals_required" IN (1, 2))
);
-- One open change per workspace: a second ask waits until the first is decided.
CREATE UNIQUE INDEX "workspace_changes_one_pending" ON "workspace_changes"("workspace_id") WHERE "status" = 'PENDING';
CREATE INDEX "workspace_changes_status_created_at_idx" ON "workspace_changes"("status", "created_at");

-- Renewal at most once per notice window.
ALTER TABLE "workspaces" ADD COLUMN "last_renewed_at" TIMESTAMPTZ(3);
