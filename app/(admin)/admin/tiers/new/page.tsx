import type { Metadata } from "next";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { TierForm } from "../tier-form";

export const metadata: Metadata = { title: "New tier" };

export default async function NewTierPage() {
  await requirePageCtx(["admin"]);
  return (
    <>
      <h1 className="text-2xl font-semibold">New tier</h1>
      <TierForm />
    </>
  );
}
