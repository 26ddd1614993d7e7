-- An expired workspace keeps its (held) Profile, so it keeps its name too: a second request
-- for that name must fail here even when two race past the application's check. A request
-- that expired while pending was never approved (no decider) and releases its name.
DROP INDEX "workspaces_open_name_key";
CREATE UNIQUE INDEX "workspaces_open_name_key" ON "workspaces"("name")
    WHERE "status" IN ('PENDING', 'PROVISIONING', 'ACTIVE', 'FAILED', 'SUSPENDED')
       OR ("status" = 'EXPIRED' AND "decided_by_id" IS NOT NULL);
