-- Requests that waited too long and workspaces past their end date become EXPIRED.
-- Alone in its migration: a new enum value cannot be used in the transaction that adds it.
ALTER TYPE "workspace_status" ADD VALUE IF NOT EXISTS 'EXPIRED';
