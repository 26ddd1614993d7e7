// Privileged roles come from Dex groups read at sign-in. They are trusted only for a short
// time (BERTH_ROLE_TTL_SECONDS, default 10 minutes); after that the person keeps the
// requester role and must pass through Dex again, which re-reads the groups. That bounds
// how long an admin removed from the admin group keeps admin rights (THREATS 8).
import type { Role } from "@/lib/model/roles";

export interface EffectiveRoles {
  roles: Role[];
  /** Privileged roles held at sign-in whose confirmation has expired. */
  stale: Role[];
}

export function effectiveRoles(roles: readonly Role[], verifiedAt: number, nowSeconds: number, ttlSeconds: number): EffectiveRoles {
  const fresh = Number.isFinite(verifiedAt) && nowSeconds >= verifiedAt && nowSeconds - verifiedAt <= ttlSeconds;
  if (fresh) return { roles: [...roles], stale: [] };
  return { roles: ["requester"], stale: roles.filter((role) => role !== "requester") };
}
