import type { Metadata } from "next";
import Link from "next/link";
import { requirePageCtx } from "@/lib/auth/page-guard";
import type { HeadCheck } from "@/lib/audit-trail/head";
import { checkHead, verifyTrail } from "@/lib/audit-trail/verify-trail";
import type { ChainReport } from "@/lib/audit-trail/chain-walk";
import { LimitError, ValidationError } from "@/lib/model/errors";

export const metadata: Metadata = { title: "Verify the audit trail" };

type SearchParams = { run?: string | string[]; head?: string | string[] };

export default async function VerifyPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await requirePageCtx(verifyTrail);
  const { run, head } = await searchParams;
  // The walk reads every event, so it runs when asked for, not on every visit.
  const outcome = run === "1" ? await verifyTrail(ctx, {}).then((report) => ({ report }), asLimited) : null;
  const headText = typeof head === "string" ? head : "";
  const check = headText ? await checkHead(ctx, { head: headText }).catch(asInvalid) : null;

  return (
    <>
      <Link href="/audit" className="text-sm text-brand-700 underline">
        ← Audit trail
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">Verify the audit trail</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        Recomputes every event&apos;s hash from its content and the event before it. Keep a downloaded head outside Berth: checking it
        later detects even a chain rewritten from the start.
      </p>
      <div className="mt-4 flex items-center gap-4">
        <form method="get">
          <input type="hidden" name="run" value="1" />
          <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white">
            Verify the chain
          </button>
        </form>
        <a href="/audit/verify/head" download className="text-sm text-brand-700 underline">
          Download the current head
        </a>
      </div>
      {outcome && "report" in outcome && <ReportView report={outcome.report} />}
      {outcome && "limited" in outcome && (
        <p role="alert" className="mt-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {outcome.limited}
        </p>
      )}
      <form method="get" className="mt-8 max-w-3xl rounded-lg bg-white p-4 shadow-sm">
        <label className="block text-sm font-medium" htmlFor="head">
          Check an exported head
        </label>
        <textarea
          id="head"
          name="head"
          rows={3}
          defaultValue={headText}
          className="mt-1 block w-full rounded-md border border-slate-300 p-2 font-mono text-xs"
          placeholder='{"seq": "1234", "hash": "…"}  or  1234:…'
        />
        <button type="submit" className="mt-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm">
          Check head
        </button>
        {check && <HeadCheckView check={check} />}
      </form>
    </>
  );
}

function asInvalid(error: unknown): HeadCheck {
  if (error instanceof ValidationError) return { status: "missing", message: error.fieldErrors.head?.join(" ") ?? error.message };
  if (error instanceof LimitError) return { status: "missing", message: error.message };
  throw error;
}

/** Verification is rate-limited (it reads the whole trail): the page says so instead of failing. */
function asLimited(error: unknown): { limited: string } {
  if (error instanceof LimitError) return { limited: error.message };
  throw error;
}

function ReportView({ report }: { report: ChainReport }) {
  if (report.intact) {
    return (
      <p role="status" className="mt-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
        {report.count} events intact, head hash <span className="font-mono break-all">{report.headHash}</span> (event {report.headSeq}).
      </p>
    );
  }
  return (
    <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
      Broken at event{" "}
      <Link href={`/audit/events/${report.firstBadSeq}`} className="underline">
        {report.firstBadSeq}
      </Link>
      : {report.problem}. {report.count} events before it are intact.
    </p>
  );
}

function HeadCheckView({ check }: { check: HeadCheck }) {
  if (check.status === "present") {
    return (
      <p role="status" className="mt-2 text-sm text-emerald-900">
        The exported head is still in the chain.
      </p>
    );
  }
  return (
    <p role="alert" className="mt-2 text-sm text-red-900">
      {check.message}
    </p>
  );
}
