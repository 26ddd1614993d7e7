// Resolves the signed-in person for pages and actions. Cached per request: several
// components may ask, but the session is decoded and the user row read once.
import "server-only";
import { cache } from "react";
import { userIdFor } from "@/lib/users/sign-in";
import { auth } from "./auth";
import type { Ctx } from "./context";
import { requestMeta } from "./request-meta";

export const currentCtx = cache(async (): Promise<Ctx | null> => {
  const session = await auth();
  const identity = session?.identity;
  if (!identity) return null;
  const userId = await userIdFor(identity);
  return { actor: { ...identity, userId }, meta: await requestMeta() };
});
