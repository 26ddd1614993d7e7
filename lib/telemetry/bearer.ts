// The check on /api/metrics: a bearer token compared in constant time, so the time of a refusal
// tells nothing about how much of a guess was right (THREATS 88).
import { createHash, timingSafeEqual } from "node:crypto";

export type MetricsAccess = "allowed" | "no_token_configured" | "refused";

export function checkBearer(authorization: string | null, expected: string | undefined): MetricsAccess {
  if (expected === undefined) return "no_token_configured";
  const match = /^Bearer ([^\s]+)$/.exec(authorization ?? "");
  if (!match) return "refused";
  // Hashing first gives equal lengths, so the comparison does not stop early on a shorter guess.
  const given = createHash("sha256").update(match[1]!).digest();
  const wanted = createHash("sha256").update(expected).digest();
  return timingSafeEqual(given, wanted) ? "allowed" : "refused";
}
