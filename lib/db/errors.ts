// Recognises the database errors Berth turns into user messages.
import { Prisma } from "./generated/client";

/** A unique index refused the write (e.g. two open requests for one name). */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002";
  return (error as { code?: string })?.code === "23505";
}
