// A tier's guardrails besides its quota: the Pod Security level its namespaces enforce and the
// CIDRs/ports their pods may reach outside the cluster (none by default). `privileged` switches
// Pod Security off, so a tier gets it only with an explicit, separately audited override.
import type { FieldErrors } from "@/lib/model/errors";
import { EGRESS_PROTOCOLS, POD_SECURITY_LEVELS, type EgressProtocol, type EgressRule, type PodSecurityLevel } from "@/lib/model/guardrails";

export interface TierGuardrails {
  podSecurity: PodSecurityLevel;
  egressAllow: EgressRule[];
}

export const DEFAULT_GUARDRAILS: TierGuardrails = { podSecurity: "baseline", egressAllow: [] };
export const MAX_EGRESS_RULES = 20;

function ipv4(text: string): boolean {
  const parts = text.split(".");
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

function ipv6(text: string): boolean {
  if (!/^[0-9a-fA-F:]+$/.test(text) || (text.match(/::/g) ?? []).length > 1) return false;
  const groups = text.split(":");
  const compressed = text.includes("::");
  if (groups.some((g) => g.length > 4)) return false;
  return compressed ? groups.length <= 8 : groups.length === 8;
}

/** "10.0.0.0/8" or "2001:db8::/32": an address and a prefix length valid for its family. */
export function cidrProblem(cidr: string): string | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(cidr);
  if (!match) return `"${cidr.slice(0, 60)}" is not a CIDR such as 10.0.0.0/8.`;
  const [, address = "", bits = ""] = match;
  const prefix = Number(bits);
  if (ipv4(address)) return prefix <= 32 ? undefined : `"${cidr}": an IPv4 prefix is at most /32.`;
  if (ipv6(address)) return prefix <= 128 ? undefined : `"${cidr}": an IPv6 prefix is at most /128.`;
  return `"${cidr.slice(0, 60)}" is not a CIDR such as 10.0.0.0/8.`;
}

/** One line: `<CIDR> [<port>[/TCP|UDP|SCTP] …]`; ports alone default to TCP. */
function parseLine(line: string): EgressRule | string {
  const [cidr = "", ...ports] = line.split(/\s+/);
  const problem = cidrProblem(cidr);
  if (problem) return problem;
  const parsed: EgressRule["ports"] = [];
  for (const token of ports) {
    const match = /^(\d{1,5})(?:\/([A-Za-z]+))?$/.exec(token);
    const port = match ? Number(match[1]) : NaN;
    const protocol = (match?.[2] ?? "TCP").toUpperCase();
    if (!match || port < 1 || port > 65535) return `"${token.slice(0, 20)}" is not a port between 1 and 65535 (e.g. 443 or 53/UDP).`;
    if (!(EGRESS_PROTOCOLS as readonly string[]).includes(protocol)) return `"${token}": the protocol must be TCP, UDP or SCTP.`;
    parsed.push({ port, protocol: protocol as EgressProtocol });
  }
  return { cidr, ports: parsed };
}

export interface GuardrailFields {
  podSecurity?: string;
  privilegedOverride?: string;
  egressAllow?: string;
}

/** Validates the form's guardrail fields; every problem is named on its field. */
export function readGuardrails(fields: GuardrailFields): { guardrails: TierGuardrails; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const level = (fields.podSecurity ?? "baseline") as PodSecurityLevel;
  if (!POD_SECURITY_LEVELS.includes(level)) errors.podSecurity = ["Choose baseline, restricted or privileged."];
  else if (level === "privileged" && fields.privilegedOverride !== "on") {
    errors.podSecurity = ["Privileged turns Pod Security off: tick the override to confirm it (it is audited)."];
  }
  const lines = (fields.egressAllow ?? "").split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const egressAllow: EgressRule[] = [];
  const problems: string[] = [];
  if (lines.length > MAX_EGRESS_RULES) problems.push(`At most ${MAX_EGRESS_RULES} allowlist entries.`);
  for (const line of lines.slice(0, MAX_EGRESS_RULES)) {
    const rule = parseLine(line);
    if (typeof rule === "string") problems.push(rule);
    else egressAllow.push(rule);
  }
  if (problems.length) errors.egressAllow = problems;
  return { guardrails: { podSecurity: level, egressAllow }, errors };
}

/** The allowlist as the form shows it, one entry per line. */
export function egressAllowText(rules: EgressRule[]): string {
  return rules.map((r) => [r.cidr, ...r.ports.map((p) => (p.protocol === "TCP" ? String(p.port) : `${p.port}/${p.protocol}`))].join(" ")).join("\n");
}

/** Stored JSON → guardrails, falling back to the defaults for anything missing. */
export function toGuardrails(podSecurity: string | null | undefined, egressAllow: unknown): TierGuardrails {
  const level = POD_SECURITY_LEVELS.includes(podSecurity as PodSecurityLevel) ? (podSecurity as PodSecurityLevel) : "baseline";
  return { podSecurity: level, egressAllow: Array.isArray(egressAllow) ? (egressAllow as EgressRule[]) : [] };
}
