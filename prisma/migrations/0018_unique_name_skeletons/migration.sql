-- Look-alike names are refused by the database, not only by a check before the insert: twenty
-- requests whose names fold to one skeleton, sent at once, used to pass the check together.

-- The folding of lib/workspaces/look-alike.ts: '-' dropped, "rn" read as "m", then 0→o, 1→l,
-- i→l, 3→e, 5→s. Keep the two identical (a test compares them on the same names).
CREATE FUNCTION "berth_name_skeleton"(name TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT translate(replace(replace(name, '-', ''), 'rn', 'm'), '01i35', 'olles') $$;

-- Every workspace gets its skeleton from the database, whoever writes the row (a request, an
-- adoption, a seed), so no writer can leave it empty or set it to something else.
UPDATE "workspaces" SET "name_skeleton" = "berth_name_skeleton"("name");

-- Look-alikes that already hold their names (from before the folding of "rn", or from the
-- race this migration closes) keep them: every one but the oldest of each skeleton gets its
-- id appended, which takes it out of the comparison below. The oldest still stands for the
-- skeleton, so new look-alikes of the group are refused as before.
UPDATE "workspaces" AS w SET "name_skeleton" = w."name_skeleton" || '#' || w."id"
FROM (
    SELECT "id", row_number() OVER (PARTITION BY "name_skeleton" ORDER BY "created_at", "id") AS rank
    FROM "workspaces"
    WHERE "status" IN ('PENDING', 'PROVISIONING', 'ACTIVE', 'FAILED', 'SUSPENDED')
       OR ("status" = 'EXPIRED' AND "decided_by_id" IS NOT NULL)
) AS ranked
WHERE ranked."id" = w."id" AND ranked.rank > 1;

CREATE FUNCTION "workspaces_set_name_skeleton"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW."name_skeleton" := "berth_name_skeleton"(NEW."name");
    RETURN NEW;
END
$$;
CREATE TRIGGER "workspaces_set_name_skeleton" BEFORE INSERT OR UPDATE OF "name", "name_skeleton" ON "workspaces"
    FOR EACH ROW EXECUTE FUNCTION "workspaces_set_name_skeleton"();

-- One holder per skeleton, over exactly the statuses that hold a name (workspaces_open_name_key,
-- lib/workspaces/name-holding.ts): of concurrent look-alikes one insert wins, the others fail.
CREATE UNIQUE INDEX "workspaces_open_name_skeleton_key" ON "workspaces"("name_skeleton")
    WHERE "status" IN ('PENDING', 'PROVISIONING', 'ACTIVE', 'FAILED', 'SUSPENDED')
       OR ("status" = 'EXPIRED' AND "decided_by_id" IS NOT NULL);
