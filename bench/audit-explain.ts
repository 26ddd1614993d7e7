// The plan behind one audit page query: which index PostgreSQL used and how many 8 KiB
// buffers it touched. Unlike wall-clock time, this does not depend on what else the machine
// is doing, so it shows whether a query reads a page's worth of rows or scans.
import type pg from "pg";
import type { Prisma } from "../lib/db/generated/client";

const COLUMNS: [keyof Prisma.AuditEventWhereInput, string][] = [
  ["actorEmail", "actor_email"],
  ["action", "action"],
  ["result", "result"],
  ["targetType", "target_type"],
  ["targetId", "target_id"],
  ["targetName", "target_name"],
];

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Shared Hit Blocks"?: number;
  "Shared Read Blocks"?: number;
  Plans?: PlanNode[];
}

function indexes(node: PlanNode): string[] {
  return [...(node["Index Name"] ? [node["Index Name"]] : []), ...(node.Plans ?? []).flatMap(indexes)];
}

/** Same condition, order and limit as lib/audit/page-query.ts, in SQL, explained. */
export async function explainPage(client: pg.Client, where: Prisma.AuditEventWhereInput, before: bigint | undefined, limit = 50) {
  const conditions: string[] = [];
  const values: unknown[] = [];
  for (const [field, column] of COLUMNS) {
    const value = where[field];
    if (typeof value === "string") conditions.push(`${column} = $${values.push(value)}`);
  }
  const seq = (where.seq ?? {}) as Prisma.BigIntFilter;
  if (typeof seq.gte === "bigint") conditions.push(`seq >= $${values.push(seq.gte.toString())}`);
  const upper = [seq.lt, before].filter((v): v is bigint => typeof v === "bigint").sort((a, b) => (a < b ? -1 : 1))[0];
  if (upper !== undefined) conditions.push(`seq < $${values.push(upper.toString())}`);
  const sql = `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT seq FROM audit_events ${conditions.length ? `WHERE ${conditions.join(" AND ")}` : ""} ORDER BY seq DESC LIMIT ${limit + 1}`;
  const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(sql, values);
  const plan = rows[0]?.["QUERY PLAN"][0].Plan as PlanNode;
  return { buffers: (plan["Shared Hit Blocks"] ?? 0) + (plan["Shared Read Blocks"] ?? 0), indexes: [...new Set(indexes(plan))] };
}
