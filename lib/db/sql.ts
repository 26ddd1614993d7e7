// SQL fragments shared by the statements that write a change and its records in one round trip.
import { Prisma } from "./generated/client";

/**
 * `WHERE EXISTS (SELECT 1 FROM <cte>)`, or nothing: the tail of an INSERT … SELECT that writes
 * only if an earlier CTE of the same statement (a conditional change) returned rows. `cte` is a
 * name written in code, never input.
 */
export function whenRowsIn(cte: string | undefined): Prisma.Sql {
  return cte ? Prisma.sql`WHERE EXISTS (SELECT 1 FROM ${Prisma.raw(cte)})` : Prisma.empty;
}
