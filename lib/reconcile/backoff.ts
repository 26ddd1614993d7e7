// When to try a failed cluster write again: exponential backoff with jitter, capped, and
// never sooner than the API server's Retry-After.
import { reconcilerSettings } from "@/lib/config";

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

/** BERTH_RETRY_BASE_MS / BERTH_RETRY_CAP_MS. */
export function configuredBackoff(): BackoffPolicy {
  const { retryBaseMs, retryCapMs } = reconcilerSettings();
  return { baseMs: retryBaseMs, capMs: retryCapMs };
}

/**
 * Delay before the next attempt after `attempts` failures (1 or more). The jitter keeps
 * workspaces that failed together from retrying in lockstep: between half and all of the step.
 */
export function retryDelayMs(
  attempts: number,
  retryAfterSeconds: number | undefined,
  policy: BackoffPolicy = configuredBackoff(),
  random: () => number = Math.random,
): number {
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.round(step / 2 + (random() * step) / 2);
  const floor = retryAfterSeconds === undefined ? 0 : retryAfterSeconds * 1000;
  return Math.max(jittered, floor);
}
