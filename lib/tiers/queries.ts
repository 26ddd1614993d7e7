// Quota tiers: those still offered, for requesters; all of them, for admins.
import "server-only";
import { z } from "zod";
import type { Ctx } from "@/lib/model/actor";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/model/errors";
import { defineOperation, noInput } from "@/lib/operations/define-operation";
import type { Hard } from "@/lib/quota/keys";
import type { ContainerDefaults } from "./container-defaults";
import { tierSelect, toTierDetail, type TierDetail } from "./detail";
import { toGuardrails, type TierGuardrails } from "./guardrails";

export interface OfferedTier {
  slug: string;
  name: string;
  description: string;
  hard: Hard;
  approvalsRequired: number;
  lifetimeDays: number | null;
  /** What every workspace of the tier gets besides its quota (the requester sees it before asking). */
  guardrails: TierGuardrails;
  containerDefaults: ContainerDefaults | null;
}

export const listOfferedTiers = defineOperation({
  name: "tier.list-offered",
  title: "listing quota tiers",
  roles: ["requester"],
  input: noInput,
  audit: [],
  run: listOffered,
});

async function listOffered(): Promise<OfferedTier[]> {
  const rows = await db.quotaTier.findMany({
    where: { retiredAt: null },
    orderBy: { createdAt: "asc" },
    select: {
      slug: true, name: true, description: true, hard: true, approvalsRequired: true, lifetimeDays: true,
      podSecurity: true, egressAllow: true, containerDefaults: true,
    },
  });
  return rows.map(({ podSecurity, egressAllow, containerDefaults, ...row }) => ({
    ...row,
    hard: row.hard as Hard,
    guardrails: toGuardrails(podSecurity, egressAllow),
    containerDefaults: (containerDefaults as ContainerDefaults | null) ?? null,
  }));
}

export const listAllTiers = defineOperation({
  name: "tier.list",
  title: "listing all tiers",
  roles: ["admin"],
  input: noInput,
  audit: [],
  run: listAll,
});

async function listAll(): Promise<TierDetail[]> {
  const rows = await db.quotaTier.findMany({ orderBy: [{ retiredAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }], select: tierSelect });
  return rows.map(toTierDetail);
}

export const getTier = defineOperation({
  name: "tier.read",
  title: "reading a tier",
  roles: ["admin"],
  // Any text from the URL: a slug no tier has is "not found".
  input: z.strictObject({ slug: z.string() }),
  audit: [],
  run: read,
});

async function read(_ctx: Ctx, { slug }: { slug: string }): Promise<TierDetail> {
  const row = await db.quotaTier.findUnique({ where: { slug }, select: tierSelect });
  if (!row) throw new NotFoundError("Tier");
  return toTierDetail(row);
}
