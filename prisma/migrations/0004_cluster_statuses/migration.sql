-- Workspace states after approval: suspended (quota allows no pods, data kept) and
-- decommissioned (Profile deleted, record and history kept). Added alone because a new
-- enum value cannot be used in the transaction that adds it.
ALTER TYPE "workspace_status" ADD VALUE IF NOT EXISTS 'SUSPENDED';
ALTER TYPE "workspace_status" ADD VALUE IF NOT EXISTS 'DECOMMISSIONED';
