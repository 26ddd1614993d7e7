import type { Metadata } from "next";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { listOfferedTiers } from "@/lib/tiers/queries";
import { RequestLimitsNote } from "@/components/workspaces/request-limits";
import { limitRefusal } from "@/lib/workspaces/request-policy";
import { getMyRequestLimits } from "@/lib/workspaces/queries";
import { RequestForm } from "./request-form";

export const metadata: Metadata = { title: "Request a workspace" };

export default async function NewWorkspacePage() {
  const ctx = await requirePageCtx(listOfferedTiers);
  const [tiers, limits] = await Promise.all([listOfferedTiers(ctx, {}), getMyRequestLimits(ctx, {})]);
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-semibold">Request a workspace</h1>
      <p className="mt-2 text-slate-600">
        An admin reviews every request. Once approved, Berth creates a Kubeflow Profile owned by{" "}
        <strong>{ctx.actor.email}</strong> with the quota of the tier you choose.
      </p>
      <RequestLimitsNote limits={limits} refusal={limitRefusal(limits)?.message ?? null} />
      <RequestForm tiers={tiers} />
    </div>
  );
}
