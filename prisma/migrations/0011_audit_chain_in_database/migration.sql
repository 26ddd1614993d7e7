-- The database owns the audit chain (THREATS 60, 61). Every insert into audit_events goes
-- through audit_events_append(), which takes the head row's lock, assigns seq, occurred_at
-- (the database's clock, never earlier than the event before), prev_hash and hash, and moves
-- the head. A caller that supplies any of those four is refused, so no role can write a row
-- at a position of its choosing (a fork, or a gap that jams every later append). The head row
-- changes only from inside that function: the guard below refuses every direct write, and
-- the application's role has no write grant on it at all (lib/db/migrate.ts).
-- The hash is the one lib/audit/chain.ts computes (hashEvent), over the same canonical JSON;
-- lib/audit/chain-sql.int.test.ts checks that both agree.

ALTER TABLE "audit_chain_head" ADD COLUMN "occurred_at" TIMESTAMPTZ(3);
UPDATE "audit_chain_head" h SET "occurred_at" = (SELECT e."occurred_at" FROM "audit_events" e WHERE e."seq" = h."seq");

-- JSON with object keys sorted (bytewise) at every depth and no whitespace: canonicalJson().
CREATE FUNCTION "audit_canonical_json"(value JSONB) RETURNS TEXT LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF value IS NULL THEN RETURN 'null'; END IF;
    CASE jsonb_typeof(value)
    WHEN 'object' THEN
        RETURN '{' || coalesce((SELECT string_agg(to_jsonb(k)::text || ':' || audit_canonical_json(v), ',' ORDER BY k COLLATE "C")
                                FROM jsonb_each(value) AS e(k, v)), '') || '}';
    WHEN 'array' THEN
        RETURN '[' || coalesce((SELECT string_agg(audit_canonical_json(v), ',' ORDER BY i)
                                FROM jsonb_array_elements(value) WITH ORDINALITY AS a(v, i)), '') || ']';
    ELSE
        RETURN value::text;
    END CASE;
END;
$$;

-- hashEvent(): SHA-256 of the canonical JSON array of the fields, in this order.
CREATE FUNCTION "audit_event_hash"(e "audit_events") RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to('[' || array_to_string(ARRAY[
        to_jsonb(e.seq::text)::text,
        to_jsonb(to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text,
        coalesce(to_jsonb(e.actor_issuer)::text, 'null'),
        coalesce(to_jsonb(e.actor_subject)::text, 'null'),
        coalesce(to_jsonb(e.actor_email)::text, 'null'),
        coalesce(to_jsonb(e.actor_name)::text, 'null'),
        audit_canonical_json(to_jsonb(e.actor_roles)),
        to_jsonb(e.action)::text,
        coalesce(to_jsonb(e.target_type)::text, 'null'),
        coalesce(to_jsonb(e.target_id)::text, 'null'),
        coalesce(to_jsonb(e.target_name)::text, 'null'),
        audit_canonical_json(e.before),
        audit_canonical_json(e.after),
        coalesce(to_jsonb(e.reason)::text, 'null'),
        to_jsonb(e.result)::text,
        coalesce(to_jsonb(e.error_code)::text, 'null'),
        coalesce(to_jsonb(e.request_id)::text, 'null'),
        coalesce(to_jsonb(e.client_address)::text, 'null'),
        coalesce(to_jsonb(e.user_agent)::text, 'null'),
        coalesce(to_jsonb(e.kube_audit_id)::text, 'null'),
        to_jsonb(e.prev_hash)::text
    ], ',') || ']', 'UTF8')), 'hex')
$$;

-- Runs as its owner (the migration role), so the application's role needs no write grant on
-- the head. search_path is pinned so no caller can slip in a look-alike table or function.
CREATE FUNCTION "audit_events_append"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
    head_seq BIGINT;
    head_hash TEXT;
    head_at TIMESTAMPTZ(3);
BEGIN
    IF NEW.seq IS NOT NULL OR NEW.occurred_at IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL THEN
        RAISE EXCEPTION 'audit_events: seq, occurred_at, prev_hash and hash are assigned by the database'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT h.seq, h.hash, h.occurred_at INTO head_seq, head_hash, head_at FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'audit_chain_head is missing';
    END IF;
    NEW.seq := head_seq + 1;
    NEW.occurred_at := greatest(clock_timestamp()::timestamptz(3), head_at);
    NEW.actor_roles := coalesce(NEW.actor_roles, '{}');
    NEW.prev_hash := head_hash;
    NEW.hash := audit_event_hash(NEW);
    UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash, occurred_at = NEW.occurred_at WHERE id = 1;
    RETURN NEW;
END;
$$;
CREATE TRIGGER "audit_events_append" BEFORE INSERT ON "audit_events"
    FOR EACH ROW EXECUTE FUNCTION "audit_events_append"();

-- The head moves only from inside audit_events_append() (trigger depth 2), whoever asks.
CREATE FUNCTION "audit_chain_head_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_chain_head moves only by appending to audit_events: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "audit_chain_head_guard" BEFORE INSERT OR UPDATE OR DELETE ON "audit_chain_head"
    FOR EACH ROW EXECUTE FUNCTION "audit_chain_head_guard"();
CREATE TRIGGER "audit_chain_head_no_truncate" BEFORE TRUNCATE ON "audit_chain_head"
    FOR EACH STATEMENT EXECUTE FUNCTION "audit_chain_head_guard"();

-- Signed checkpoints of the Merkle tree over the events (lib/audit-trail/checkpoints.ts):
-- append-only like the events. `frontier` is the tree's compact range at that size (the
-- roots of its perfect subtrees, left to right), from which the next checkpoint and an
-- incremental verification continue without reading older events; it must fold to root_hash.
CREATE TABLE "audit_checkpoints" (
    "tree_size" BIGINT NOT NULL,
    "root_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "note" TEXT NOT NULL,
    "frontier" TEXT[],
    CONSTRAINT "audit_checkpoints_pkey" PRIMARY KEY ("tree_size")
);
CREATE TRIGGER "audit_checkpoints_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_checkpoints"
    FOR EACH ROW EXECUTE FUNCTION "audit_events_refuse_change"();
CREATE TRIGGER "audit_checkpoints_no_truncate" BEFORE TRUNCATE ON "audit_checkpoints"
    FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_refuse_change"();

-- Roots of complete 256-leaf subtrees: derived data for O(log n) proofs, never trusted
-- (every proof is checked against a signed root before it is shown).
CREATE TABLE "audit_merkle_tiles" (
    "idx" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    CONSTRAINT "audit_merkle_tiles_pkey" PRIMARY KEY ("idx")
);

-- Full and incremental verifications run as jobs (lib/audit-trail/verify-job.ts).
CREATE TABLE "audit_verify_runs" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "started_by" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "from_size" BIGINT NOT NULL,
    "checked" BIGINT NOT NULL DEFAULT 0,
    "total" BIGINT NOT NULL,
    "verified_size" BIGINT,
    "problem" TEXT,
    CONSTRAINT "audit_verify_runs_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "audit_verify_runs_started_at_idx" ON "audit_verify_runs"("started_at" DESC);
