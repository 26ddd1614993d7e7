import type { Metadata } from "next";
import { TakesFocus } from "@/components/ui/takes-focus";
import Link from "next/link";
import { QuotaList } from "@/components/workspaces/quota-list";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { listAllTiers } from "@/lib/tiers/queries";
import { GuardrailSummary } from "@/components/guardrails/guardrail-summary";
import { guardrailSettings } from "@/lib/config";

export const metadata: Metadata = { title: "Quota tiers" };

export default async function TiersPage({ searchParams }: { searchParams: Promise<{ saved?: string; retired?: string }> }) {
  const ctx = await requirePageCtx(listAllTiers);
  const [tiers, params] = await Promise.all([listAllTiers(ctx, {}), searchParams]);
  const { egressNamespaces } = guardrailSettings();
  return (
    <>
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Quota tiers</h1>
        <Link href="/admin/tiers/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">New tier</Link>
      </div>
      {(params.saved ?? params.retired) && (
        <TakesFocus>
          <p role="status" className="mt-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
            {params.saved ? `Saved tier “${params.saved}”.` : `Retired tier “${params.retired}”.`}
          </p>
        </TakesFocus>
      )}
      <ul className="mt-6 grid gap-4 md:grid-cols-2">
        {tiers.map((tier) => (
          <li key={tier.id} aria-label={`Tier ${tier.slug}`} className="rounded-lg bg-white p-4 shadow-sm">
            <div className="flex items-baseline justify-between gap-2">
              <h2 className="font-semibold">{tier.name} <span className="font-mono text-xs text-slate-500">{tier.slug}</span></h2>
              {tier.retiredAt ? <span className="text-xs text-slate-500">Retired</span> : <Link href={`/admin/tiers/${tier.slug}`} className="text-sm text-brand-700 underline" aria-label={`Edit ${tier.slug}`}>Edit</Link>}
            </div>
            <p className="text-sm text-slate-600">{tier.description}</p>
            <p className="mt-1 text-xs text-slate-600">
              {tier.approvalsRequired === 2 ? "Two approvals" : "One approval"} · {tier.lifetimeDays ? `${tier.lifetimeDays} days` : "no end date"}
            </p>
            <div className="mt-2"><QuotaList hard={tier.hard} /></div>
            <div className="mt-2"><GuardrailSummary guardrails={tier.guardrails} containerDefaults={tier.containerDefaults} egressNamespaces={egressNamespaces} /></div>
          </li>
        ))}
      </ul>
    </>
  );
}
