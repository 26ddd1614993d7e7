"use server";
// Tier management. Validation, optimistic concurrency and the audit live in lib/tiers.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { createTier, retireTier, updateTier } from "@/lib/tiers/admin";

export const createTierAction = defineAction("creating a tier", ["admin"], async (ctx, fields) => {
  const { slug } = await createTier(ctx, fields);
  revalidatePath("/admin/tiers");
  redirect(`/admin/tiers?saved=${encodeURIComponent(slug)}`);
});

export const updateTierAction = defineAction("editing a tier", ["admin"], async (ctx, fields) => {
  await updateTier(ctx, fields);
  revalidatePath("/admin/tiers");
  redirect(`/admin/tiers?saved=${encodeURIComponent(fields.slug ?? "")}`);
});

export const retireTierAction = defineAction("retiring a tier", ["admin"], async (ctx, fields) => {
  await retireTier(ctx, fields);
  revalidatePath("/admin/tiers");
  redirect(`/admin/tiers?retired=${encodeURIComponent(fields.slug ?? "")}`);
});
