// A tier as admins see and audit it: every stored field, typed.
import type { Hard } from "@/lib/quota/keys";
import type { ContainerDefaults } from "./container-defaults";
import { toGuardrails, type TierGuardrails } from "./guardrails";

export const tierSelect = {
  id: true,
  slug: true,
  name: true,
  description: true,
  hard: true,
  maxHard: true,
  approvalsRequired: true,
  lifetimeDays: true,
  containerDefaults: true,
  podSecurity: true,
  egressAllow: true,
  retiredAt: true,
  version: true,
} as const;

export interface TierDetail {
  id: string;
  slug: string;
  name: string;
  description: string;
  hard: Hard;
  /** What an admin may grant without override: the tier's own values where none is set. */
  maxHard: Hard;
  approvalsRequired: number;
  lifetimeDays: number | null;
  containerDefaults: ContainerDefaults | null;
  guardrails: TierGuardrails;
  retiredAt: Date | null;
  version: number;
}

export function toTierDetail(row: {
  id: string;
  slug: string;
  name: string;
  description: string;
  hard: unknown;
  maxHard: unknown;
  approvalsRequired: number;
  lifetimeDays: number | null;
  containerDefaults: unknown;
  podSecurity: string;
  egressAllow: unknown;
  retiredAt: Date | null;
  version: number;
}): TierDetail {
  const hard = row.hard as Hard;
  const { podSecurity, egressAllow, ...rest } = row;
  return {
    ...rest,
    guardrails: toGuardrails(podSecurity, egressAllow),
    hard,
    maxHard: { ...hard, ...((row.maxHard as Hard | null) ?? {}) },
    containerDefaults: (row.containerDefaults as ContainerDefaults | null) ?? null,
  };
}
