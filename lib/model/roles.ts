// Maps Dex group claims to Berth roles. Deny by default: only an exact, configured
// group grants a privileged role; everyone signed in is at least a requester.

export const ROLES = ["requester", "admin", "auditor"] as const;
export type Role = (typeof ROLES)[number];

/** Which Dex groups grant which privileged role (settings: BERTH_ADMIN_GROUPS, BERTH_AUDITOR_GROUPS). */
export interface RoleGroups {
  adminGroups: string[];
  auditorGroups: string[];
}

export function rolesFromGroups(groups: unknown, config: RoleGroups): Role[] {
  const memberOf = new Set(Array.isArray(groups) ? groups.filter((g): g is string => typeof g === "string") : []);
  const roles: Role[] = ["requester"];
  if (config.adminGroups.some((group) => memberOf.has(group))) roles.push("admin");
  if (config.auditorGroups.some((group) => memberOf.has(group))) roles.push("auditor");
  return roles;
}

/** The most Dex groups a session keeps: enough for any real person, bounded for the cookie. */
export const MAX_SESSION_GROUPS = 200;

/**
 * The person's Dex groups, as Dex sends them (case kept): what a group grant names. More than
 * MAX_SESSION_GROUPS gives null: the list could not be kept whole, so no decision may rely on it.
 */
export function groupsFromClaim(groups: unknown): string[] | null {
  const names = Array.isArray(groups) ? groups.filter((g): g is string => typeof g === "string" && g.length > 0 && g.length <= 256) : [];
  return names.length > MAX_SESSION_GROUPS ? null : [...new Set(names)];
}

export function hasRole(roles: readonly Role[], role: Role): boolean {
  return roles.includes(role);
}

/** Who a route group is for: its layout and navigation. Each page and operation checks its own roles too. */
export const AUDIENCES = {
  portal: ["requester"],
  admin: ["admin"],
  audit: ["auditor", "admin"],
} as const satisfies Record<string, readonly Role[]>;
