-- Hardening: rate-limit counters shared by every replica, and revocable sessions.

-- One row per limited key (a person or a client address, and the kind of operation): the hits
-- in the current fixed window. Upserted in one statement, so replicas count together; a key
-- keeps one row whatever the number of windows, so the table grows with people and addresses only.
CREATE TABLE "rate_limit_counters" (
    "key" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "hits" INTEGER NOT NULL,
    CONSTRAINT "rate_limit_counters_pkey" PRIMARY KEY ("key")
);

-- A session carries the epoch its person had when it began; signing out, or an admin ending
-- the person's sessions, bumps the epoch and so ends every session that person holds.
ALTER TABLE "users" ADD COLUMN "session_epoch" INTEGER NOT NULL DEFAULT 0;
