// People who signed in, for admins: find one, and end every session they hold (THREATS 74),
// e.g. a stolen laptop or someone leaving. Ending takes effect at the person's next request on
// any replica; they may sign in again through Dex if Dex still lets them.
import "server-only";
import { z } from "zod";
import { appendAuditEvent } from "@/lib/audit/record";
import { endSessions } from "@/lib/auth/revocation";
import { db } from "@/lib/db/client";
import type { Ctx } from "@/lib/model/actor";
import { NotFoundError } from "@/lib/model/errors";
import { defineOperation } from "@/lib/operations/define-operation";

export interface PersonRow {
  id: string;
  email: string;
  name: string | null;
  lastRoles: string[];
  lastSeenAt: Date;
  emailVerified: boolean;
}

export const PEOPLE_PAGE_SIZE = 50;

export const listPeople = defineOperation({
  name: "person.list",
  title: "listing people",
  roles: ["admin"],
  // The search box: part of an email address, case-insensitive.
  input: z.strictObject({ email: z.string().trim().max(200, { error: "Search for at most 200 characters." }).optional() }),
  audit: [],
  run: (_ctx, { email }): Promise<PersonRow[]> =>
    db.user.findMany({
      where: email ? { email: { contains: email, mode: "insensitive" } } : {},
      select: { id: true, email: true, name: true, lastRoles: true, lastSeenAt: true, emailVerified: true },
      orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
      take: PEOPLE_PAGE_SIZE,
    }),
});

const personTarget = (raw: Record<string, unknown>) =>
  typeof raw.userId === "string" && z.uuid().safeParse(raw.userId).success ? { type: "user", id: raw.userId } : undefined;

export const endPersonSessions = defineOperation({
  name: "person.end-sessions",
  title: "ending a person's sessions",
  roles: ["admin"],
  input: z.strictObject({ userId: z.uuid({ error: "Unknown person." }) }),
  audit: ["auth.sessions_ended"],
  target: personTarget,
  run: endAll,
});

async function endAll(ctx: Ctx, { userId }: { userId: string }): Promise<{ email: string }> {
  return db.$transaction(async (tx) => {
    const person = await tx.user.findUnique({ where: { id: userId }, select: { email: true, sessionEpoch: true } });
    if (!person) throw new NotFoundError("Person");
    const epoch = await endSessions(tx, userId);
    await appendAuditEvent(tx, {
      action: "auth.sessions_ended",
      result: "success",
      actor: ctx.actor,
      context: ctx.meta,
      target: { type: "user", id: userId, name: person.email },
      before: { sessionEpoch: person.sessionEpoch },
      after: { sessionEpoch: epoch },
    });
    return { email: person.email };
  });
}
