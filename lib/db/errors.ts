// Recognises the database errors Berth turns into user messages.
import { Prisma } from "./generated/client";

/** A unique index refused the write (e.g. two open requests for one name). */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002";
  return (error as { code?: string })?.code === "23505";
}

/** Prisma's codes for a database it cannot reach, that dropped the connection or timed out. */
const UNAVAILABLE_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** The driver adapter's kinds of failure that mean the database is not there (Prisma 7). */
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TlsConnectionError"]);
/** node-postgres' socket errors, and PostgreSQL's own "shutting down"/"cannot connect now" (57P0x). */
const UNAVAILABLE_ERRNOS = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "57P01", "57P02", "57P03"]);

/**
 * The database could not be reached or went away mid-request. Its transaction (if any) was rolled
 * back by PostgreSQL, so nothing this request wrote is kept.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    // Raw queries fail as P2010 and carry the driver adapter's own kind of failure.
    const kind = (error.meta?.driverAdapterError as { cause?: { kind?: string } } | undefined)?.cause?.kind;
    return UNAVAILABLE_CODES.has(error.code) || (kind !== undefined && UNAVAILABLE_KINDS.has(kind));
  }
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  const code = (error as { code?: string })?.code;
  return typeof code === "string" && UNAVAILABLE_ERRNOS.has(code);
}
