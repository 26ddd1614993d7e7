// Admins create, edit and retire quota tiers. Edits are optimistic: the form carries the
// version it was loaded at, and a stale version is a conflict, never a lost update
// (THREATS 26). Every change is audited with before and after.
import "server-only";
import { appendAuditEvent } from "@/lib/audit/record";
import type { Ctx } from "@/lib/auth/context";
import { authorize } from "@/lib/authz";
import { db, type Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { Prisma } from "@/lib/db/generated/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { createTierInput, parseTierValues, retireTierInput, updateTierInput, type TierValues } from "./schemas";
import { tierSelect, toTierDetail, type TierDetail } from "./detail";

function toData(values: TierValues) {
  return {
    name: values.name,
    description: values.description,
    hard: values.hard,
    maxHard: values.maxHard ?? Prisma.DbNull,
    approvalsRequired: values.approvalsRequired,
    lifetimeDays: values.lifetimeDays,
    containerDefaults: (values.containerDefaults ?? Prisma.DbNull) as Prisma.InputJsonValue | typeof Prisma.DbNull,
  };
}

function audited(tx: Tx, ctx: Ctx, action: "tier.created" | "tier.updated" | "tier.retired", before: TierDetail | null, after: TierDetail) {
  return appendAuditEvent(tx, {
    action,
    result: "success",
    actor: ctx.actor,
    context: ctx.meta,
    target: { type: "tier", id: after.id, name: after.slug },
    before: before ?? undefined,
    after,
  });
}

export async function createTier(ctx: Ctx, raw: unknown): Promise<{ slug: string }> {
  await authorize(ctx, ["admin"], { what: "creating a tier" });
  const { slug, values } = parseTierValues(createTierInput, raw);
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.quotaTier.create({ data: { slug, ...toData(values) }, select: tierSelect });
      await audited(tx, ctx, "tier.created", null, toTierDetail(row));
      return { slug };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError("Please correct the highlighted fields.", { slug: [`A tier "${slug}" already exists.`] });
    throw error;
  }
}

export async function updateTier(ctx: Ctx, raw: unknown): Promise<void> {
  await authorize(ctx, ["admin"], { what: "editing a tier" });
  const { slug, version, values } = parseTierValues(updateTierInput, raw);
  await db.$transaction(async (tx) => {
    const before = await loadForChange(tx, slug, version);
    const row = await tx.quotaTier.update({
      where: { id: before.id },
      data: { ...toData(values), version: { increment: 1 } },
      select: tierSelect,
    });
    await audited(tx, ctx, "tier.updated", before, toTierDetail(row));
  });
}

/** Retired tiers are no longer offered; workspaces on them keep their quota. */
export async function retireTier(ctx: Ctx, raw: unknown): Promise<void> {
  await authorize(ctx, ["admin"], { what: "retiring a tier" });
  const { slug, version } = parseInput(retireTierInput, raw);
  await db.$transaction(async (tx) => {
    const before = await loadForChange(tx, slug, version);
    if (before.retiredAt) throw new ConflictError("This tier is already retired.");
    const row = await tx.quotaTier.update({
      where: { id: before.id },
      data: { retiredAt: new Date(), version: { increment: 1 } },
      select: tierSelect,
    });
    await audited(tx, ctx, "tier.retired", before, toTierDetail(row));
  });
}

// Locks the row, then compares versions: two admins saving at once are serialised here,
// and the second one's form (loaded at the old version) is refused.
async function loadForChange(tx: Tx, slug: string, version: number): Promise<TierDetail> {
  await tx.$queryRaw`SELECT id FROM quota_tiers WHERE slug = ${slug} FOR UPDATE`;
  const row = await tx.quotaTier.findUnique({ where: { slug }, select: tierSelect });
  if (!row) throw new NotFoundError("Tier");
  if (row.version !== version) {
    throw new ConflictError("Someone else changed this tier after you opened it. Reload to see their change, then edit again.");
  }
  return toTierDetail(row);
}
