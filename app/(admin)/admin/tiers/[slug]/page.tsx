import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { NotFoundError } from "@/lib/model/errors";
import { getTier } from "@/lib/tiers/queries";
import { RetireForm } from "../retire-form";
import { TierForm } from "../tier-form";

export const metadata: Metadata = { title: "Edit tier" };

export default async function EditTierPage({ params }: { params: Promise<{ slug: string }> }) {
  const ctx = await requirePageCtx(getTier);
  const { slug } = await params;
  const tier = await getTier(ctx, { slug }).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <>
      <h1 className="text-2xl font-semibold">Edit tier {tier.name}</h1>
      <TierForm tier={tier} />
      {!tier.retiredAt && <RetireForm slug={tier.slug} version={tier.version} />}
    </>
  );
}
