import type { Metadata } from "next";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { getPosture } from "@/lib/cluster/posture";
import { PostureList } from "@/components/guardrails/posture-list";

export const metadata: Metadata = { title: "Posture" };
export const dynamic = "force-dynamic";

export default async function PosturePage() {
  const ctx = await requirePageCtx(getPosture);
  const checks = await getPosture(ctx, {});
  return (
    <>
      <h1 className="text-2xl font-semibold">Posture</h1>
      <p className="mt-1 text-sm text-slate-600">
        Whether the installation still follows the advice that keeps it from being hijacked, checked now (also by the reconciler
        and <code>npm run posture</code>). A check that starts failing, and one that recovers, is audited.
      </p>
      <PostureList checks={checks} />
    </>
  );
}
