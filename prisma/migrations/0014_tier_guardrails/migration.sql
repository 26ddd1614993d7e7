-- Guardrails per tier besides the quota: the Pod Security Admission level its workspace namespaces
-- enforce (baseline unless an admin overrides it), and the egress allowlist of its NetworkPolicy
-- berth-egress (CIDRs and ports outside the cluster; empty means no internet).
ALTER TABLE "quota_tiers" ADD COLUMN "pod_security" TEXT NOT NULL DEFAULT 'baseline';
ALTER TABLE "quota_tiers" ADD COLUMN "egress_allow" JSONB NOT NULL DEFAULT '[]';
ALTER TABLE "quota_tiers" ADD CONSTRAINT "quota_tiers_pod_security_check"
    CHECK ("pod_security" IN ('baseline', 'restricted', 'privileged'));

-- The posture of the installation: one row per check, so a check's failure is audited when it
-- starts and when it recovers, never on every pass.
CREATE TABLE "posture_checks" (
    "id" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "checked_at" TIMESTAMPTZ(3) NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "posture_checks_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "posture_checks_state_check" CHECK ("state" IN ('pass', 'fail', 'unknown'))
);
