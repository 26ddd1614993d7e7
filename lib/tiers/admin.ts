// Admins create, edit and retire quota tiers. Edits are optimistic: the form carries the
// version it was loaded at, and a stale version is a conflict, never a lost update
// (THREATS 26). Every change is audited with before and after.
import "server-only";
import type { z } from "zod";
import { defineOperation } from "@/lib/operations/define-operation";
import { appendAuditEvent } from "@/lib/audit/record";
import type { AuditTarget } from "@/lib/model/audit-event";
import type { Ctx } from "@/lib/model/actor";
import { db, type Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { Prisma } from "@/lib/db/generated/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/model/errors";
import { createTierInput, retireTierInput, tierValues, updateTierInput, type TierValues } from "./schemas";
import { tierSelect, toTierDetail, type TierDetail } from "./detail";

function toData(values: TierValues) {
  return {
    slug: values.slug,
    name: values.name,
    description: values.description,
    hard: values.hard,
    maxHard: values.maxHard ?? Prisma.DbNull,
    approvalsRequired: values.approvalsRequired,
    lifetimeDays: values.lifetimeDays,
    containerDefaults: (values.containerDefaults ?? Prisma.DbNull) as Prisma.InputJsonValue | typeof Prisma.DbNull,
    podSecurity: values.guardrails.podSecurity,
    egressAllow: values.guardrails.egressAllow as unknown as Prisma.InputJsonValue,
  };
}

/**
 * Privileged switches Pod Security off in every namespace of the tier: the form's override is
 * required (see readGuardrails), and taking it is its own audit event, beside the tier's change.
 */
async function auditPrivilegedOverride(tx: Tx, ctx: Ctx, before: TierDetail | null, after: TierDetail) {
  if (after.guardrails.podSecurity !== "privileged" || before?.guardrails.podSecurity === "privileged") return;
  await appendAuditEvent(tx, {
    action: "tier.pod_security_overridden",
    result: "success",
    actor: ctx.actor,
    context: ctx.meta,
    target: { type: "tier", id: after.id, name: after.slug },
    before: { podSecurity: before?.guardrails.podSecurity ?? null },
    after: { podSecurity: "privileged" },
    reason: "Pod Security set to privileged by admin override",
  });
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

const tierTarget = (raw: Record<string, unknown>): AuditTarget | undefined =>
  typeof raw.slug === "string" ? { type: "tier", name: raw.slug.slice(0, 64) } : undefined;

export const createTier = defineOperation({
  name: "tier.create",
  title: "creating a tier",
  roles: ["admin"],
  input: createTierInput,
  audit: ["tier.created", "tier.pod_security_overridden"],
  target: tierTarget,
  run: create,
});

async function create(ctx: Ctx, input: z.infer<typeof createTierInput>): Promise<{ slug: string }> {
  const values = tierValues(input);
  const { slug } = values;
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.quotaTier.create({ data: toData(values), select: tierSelect });
      await audited(tx, ctx, "tier.created", null, toTierDetail(row));
      await auditPrivilegedOverride(tx, ctx, null, toTierDetail(row));
      return { slug };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError("Please correct the highlighted fields.", { slug: [`A tier "${slug}" already exists.`] });
    throw error;
  }
}

export const updateTier = defineOperation({
  name: "tier.update",
  title: "editing a tier",
  roles: ["admin"],
  input: updateTierInput,
  audit: ["tier.updated", "tier.pod_security_overridden"],
  target: tierTarget,
  run: update,
});

async function update(ctx: Ctx, input: z.infer<typeof updateTierInput>): Promise<void> {
  const { slug, version } = input;
  await db.$transaction(async (tx) => {
    const before = await loadForChange(tx, slug, version);
    // Checked against the stored tier: what it never had (container defaults) stays optional.
    const values = tierValues(input, before);
    const row = await tx.quotaTier.update({
      where: { id: before.id },
      data: { ...toData(values), version: { increment: 1 } },
      select: tierSelect,
    });
    await audited(tx, ctx, "tier.updated", before, toTierDetail(row));
    await auditPrivilegedOverride(tx, ctx, before, toTierDetail(row));
  });
}

/** Retired tiers are no longer offered; workspaces on them keep their quota. */
export const retireTier = defineOperation({
  name: "tier.retire",
  title: "retiring a tier",
  roles: ["admin"],
  input: retireTierInput,
  audit: ["tier.retired"],
  target: tierTarget,
  run: retire,
});

async function retire(ctx: Ctx, { slug, version }: z.infer<typeof retireTierInput>): Promise<void> {
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
