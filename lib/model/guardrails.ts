// The vocabulary of workspace guardrails, shared by the tier forms (browser), the tiers and the
// Kubernetes builders: Pod Security Admission levels and egress allowlist entries.

export const POD_SECURITY_LEVELS = ["baseline", "restricted", "privileged"] as const;
export type PodSecurityLevel = (typeof POD_SECURITY_LEVELS)[number];

export const EGRESS_PROTOCOLS = ["TCP", "UDP", "SCTP"] as const;
export type EgressProtocol = (typeof EGRESS_PROTOCOLS)[number];

/** One allowlist entry: a CIDR, and the ports it may be reached on (none listed: every port). */
export interface EgressRule {
  cidr: string;
  ports: { port: number; protocol: EgressProtocol }[];
}

export const POD_SECURITY_TEXT: Record<PodSecurityLevel, string> = {
  baseline: "baseline: no privileged containers, host namespaces, host paths or added capabilities",
  restricted: "restricted: baseline, plus non-root, no privilege escalation, all capabilities dropped, seccomp on",
  privileged: "privileged: no Pod Security restrictions (admin override)",
};
