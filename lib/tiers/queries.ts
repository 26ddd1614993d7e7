// Quota tiers: those still offered, for requesters; all of them, for admins.
import "server-only";
import type { Ctx } from "@/lib/model/actor";
import { authorize } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/model/errors";
import type { Hard } from "@/lib/quota/keys";
import { tierSelect, toTierDetail, type TierDetail } from "./detail";

export interface OfferedTier {
  slug: string;
  name: string;
  description: string;
  hard: Hard;
  approvalsRequired: number;
  lifetimeDays: number | null;
}

export async function listOfferedTiers(ctx: Ctx): Promise<OfferedTier[]> {
  await authorize(ctx, ["requester"], { what: "listing quota tiers" });
  const rows = await db.quotaTier.findMany({
    where: { retiredAt: null },
    orderBy: { createdAt: "asc" },
    select: { slug: true, name: true, description: true, hard: true, approvalsRequired: true, lifetimeDays: true },
  });
  return rows.map((row) => ({ ...row, hard: row.hard as Hard }));
}

export async function listAllTiers(ctx: Ctx): Promise<TierDetail[]> {
  await authorize(ctx, ["admin"], { what: "listing all tiers" });
  const rows = await db.quotaTier.findMany({ orderBy: [{ retiredAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }], select: tierSelect });
  return rows.map(toTierDetail);
}

export async function getTier(ctx: Ctx, slug: string): Promise<TierDetail> {
  await authorize(ctx, ["admin"], { what: "reading a tier" });
  const row = await db.quotaTier.findUnique({ where: { slug }, select: tierSelect });
  if (!row) throw new NotFoundError("Tier");
  return toTierDetail(row);
}
