"use server";
// Tier management. Validation, optimistic concurrency and the audit live in lib/tiers.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { serverAction } from "@/lib/operations/server-action";
import { createTier, retireTier, updateTier } from "@/lib/tiers/admin";

export const createTierAction = serverAction(createTier, ({ result }) => {
  revalidatePath("/admin/tiers");
  redirect(`/admin/tiers?saved=${encodeURIComponent(result.slug)}`);
});

export const updateTierAction = serverAction(updateTier, ({ input }) => {
  revalidatePath("/admin/tiers");
  redirect(`/admin/tiers?saved=${encodeURIComponent(input.slug)}`);
});

export const retireTierAction = serverAction(retireTier, ({ input }) => {
  revalidatePath("/admin/tiers");
  redirect(`/admin/tiers?retired=${encodeURIComponent(input.slug)}`);
});
