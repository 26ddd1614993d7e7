// The reconciler's last scan, kept in one row so that the Cluster page, on any replica, shows
// what the cluster held and when it was seen, at the cost of one read instead of three LISTs.
import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { UnmanagedProfile } from "./drift";
import type { DriftedWorkspace } from "./scan";

/** The page lists at most this many of each; the counts stay exact. */
const MAX_LISTED = 500;

export interface LastScan {
  observedAt: Date;
  source: "watch" | "list";
  drifted: DriftedWorkspace[];
  unmanaged: UnmanagedProfile[];
  driftedCount: number;
  unmanagedCount: number;
  error: { failure: string; message: string } | null;
}

export async function saveLastScan(
  observedAt: Date,
  source: LastScan["source"],
  outcome: { drifted: DriftedWorkspace[]; unmanaged: UnmanagedProfile[] } | { error: { failure: string; message: string } },
): Promise<void> {
  const data =
    "error" in outcome
      ? { observedAt, source, error: outcome.error as Prisma.InputJsonValue }
      : {
          observedAt,
          source,
          drifted: { count: outcome.drifted.length, items: outcome.drifted.slice(0, MAX_LISTED) } as unknown as Prisma.InputJsonValue,
          unmanaged: { count: outcome.unmanaged.length, items: outcome.unmanaged.slice(0, MAX_LISTED) } as unknown as Prisma.InputJsonValue,
          error: Prisma.DbNull,
        };
  // A failed scan keeps the last good lists: the page says they are from before the failure.
  await db.clusterScan.upsert({
    where: { id: 1 },
    create: { id: 1, drifted: { count: 0, items: [] }, unmanaged: { count: 0, items: [] }, ...data },
    update: data,
  });
}

export async function readLastScan(): Promise<LastScan | null> {
  const row = await db.clusterScan.findUnique({ where: { id: 1 } });
  if (!row) return null;
  const drifted = row.drifted as unknown as { count: number; items: DriftedWorkspace[] };
  const unmanaged = row.unmanaged as unknown as { count: number; items: UnmanagedProfile[] };
  return {
    observedAt: row.observedAt,
    source: row.source === "watch" ? "watch" : "list",
    drifted: drifted.items,
    unmanaged: unmanaged.items,
    driftedCount: drifted.count,
    unmanagedCount: unmanaged.count,
    error: (row.error as LastScan["error"]) ?? null,
  };
}
