import type { Metadata } from "next";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { createTier } from "@/lib/tiers/admin";
import { TierForm } from "../tier-form";

export const metadata: Metadata = { title: "New tier" };

export default async function NewTierPage() {
  await requirePageCtx(createTier);
  return (
    <>
      <h1 className="text-2xl font-semibold">New tier</h1>
      <TierForm />
    </>
  );
}
