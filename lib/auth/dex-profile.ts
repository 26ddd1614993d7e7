// The claims Berth reads from Dex's ID token, and the identity it derives from them.

import { roleGroupsFromEnv } from "@/lib/config";
import { groupsFromClaim, rolesFromGroups, type Role } from "@/lib/model/roles";

export interface DexClaims {
  iss?: string;
  sub?: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: unknown;
}

export interface SessionIdentity {
  issuer: string;
  subject: string;
  email: string;
  name: string | null;
  roles: Role[];
  /**
   * Dex groups at sign-in, for separation of duties on group grants (null: too many to keep).
   * Missing in cookies issued before groups were kept: treated like null.
   */
  groups?: string[] | null;
  /** When Dex last vouched for the roles (epoch seconds): the sign-in. */
  rolesVerifiedAt: number;
  /**
   * The person's session epoch at sign-in (users.session_epoch): once the row's epoch moves on
   * (sign-out anywhere, an admin ending the sessions), this session is over (THREATS 74).
   * Missing in cookies issued before epochs existed: counted as 0.
   */
  sessionEpoch?: number;
}

/** null when the token does not carry a verified email: such a user cannot own a Profile. */
export function identityFromClaims(
  claims: DexClaims,
  issuer: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): SessionIdentity | null {
  if (!claims.sub || !claims.email || claims.email_verified !== true) return null;
  return {
    issuer,
    subject: claims.sub,
    email: claims.email,
    name: claims.name ?? null,
    roles: rolesFromGroups(claims.groups, roleGroupsFromEnv()),
    groups: groupsFromClaim(claims.groups),
    rolesVerifiedAt: nowSeconds,
  };
}
