// Quota tiers as requesters see them: only those still offered.
import "server-only";
import type { Ctx } from "@/lib/auth/context";
import { authorize } from "@/lib/authz";
import { db } from "@/lib/db/client";
import type { Hard } from "@/lib/quota/keys";

export interface OfferedTier {
  slug: string;
  name: string;
  description: string;
  hard: Hard;
}

export async function listOfferedTiers(ctx: Ctx): Promise<OfferedTier[]> {
  await authorize(ctx, ["requester"], { what: "listing quota tiers" });
  const rows = await db.quotaTier.findMany({
    where: { retiredAt: null },
    orderBy: { createdAt: "asc" },
    select: { slug: true, name: true, description: true, hard: true },
  });
  return rows.map((row) => ({ ...row, hard: row.hard as Hard }));
}
