import type { Metadata } from "next";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { listOfferedTiers } from "@/lib/tiers/queries";
import { RequestForm } from "./request-form";

export const metadata: Metadata = { title: "Request a workspace" };

export default async function NewWorkspacePage() {
  const ctx = await requirePageCtx(listOfferedTiers);
  const tiers = await listOfferedTiers(ctx, {});
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-semibold">Request a workspace</h1>
      <p className="mt-2 text-slate-600">
        An admin reviews every request. Once approved, Berth creates a Kubeflow Profile owned by{" "}
        <strong>{ctx.actor.email}</strong> with the quota of the tier you choose.
      </p>
      <RequestForm tiers={tiers} />
    </div>
  );
}
