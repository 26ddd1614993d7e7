-- The audit trail's actor filter matches a part of an address ("grace" finds grace@example.com),
-- ignoring case: ILIKE '%grace%', which a trigram GIN index serves. pg_trgm is a trusted
-- extension (PostgreSQL 13+): the schema owner may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "audit_events_actor_email_trgm_idx" ON "audit_events" USING GIN ("actor_email" gin_trgm_ops);
