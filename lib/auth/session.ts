// Resolves the signed-in person for pages and actions. Cached per request: several
// components may ask, but the session is decoded and the user row read once.
import "server-only";
import { cache } from "react";
import { sessionIsCurrent } from "./revocation";
import { standingOf } from "./sign-in";
import { auth } from "./auth";
import type { Ctx } from "@/lib/model/actor";
import { requestMeta } from "./request-meta";
import { roleTtlSeconds } from "@/lib/config";
import { effectiveRoles } from "./role-freshness";

export const currentCtx = cache(async (): Promise<Ctx | null> => {
  const session = await auth();
  const identity = session?.identity;
  if (!identity) return null;
  const standing = await standingOf(identity);
  // Signed out elsewhere, ended by an admin, or no longer verified by Dex: no session (THREATS 74).
  if (!sessionIsCurrent(identity, standing)) return null;
  const userId = standing.id;
  const { roles, stale } = effectiveRoles(identity.roles, identity.rolesVerifiedAt, Math.floor(Date.now() / 1000), roleTtlSeconds());
  return { actor: { ...identity, roles, userId }, meta: await requestMeta(), staleRoles: stale, rolesExpireAt: identity.rolesVerifiedAt + roleTtlSeconds() };
});
