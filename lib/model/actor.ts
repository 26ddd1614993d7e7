// Who is acting and from where: the input of every domain function, so that authorization
// and the audit trail never depend on anything the browser says about itself.

import type { AuditActor, AuditContext } from "./audit-event";
import type { Role } from "./roles";

export interface Actor extends AuditActor {
  userId: string;
  roles: Role[];
  /** Dex groups at sign-in; null or missing when not known whole. */
  groups?: string[] | null;
}

export interface Ctx {
  actor: Actor;
  meta: AuditContext;
  /** Privileged roles the person held at sign-in that must be confirmed by signing in again. */
  staleRoles?: Role[];
  /** When the privileged roles stop being trusted without a new sign-in (seconds since the epoch). */
  rolesExpireAt?: number;
}
