import type { Metadata } from "next";
import Link from "next/link";
import { OperationForm } from "@/components/admin/operation-form";
import { TableHead } from "@/components/ui/table-head";
import { requirePageCtx } from "@/lib/auth/page-guard";
import type { HeadCheck } from "@/lib/audit-trail/head";
import { checkHead } from "@/lib/audit-trail/verify-trail";
import { listVerifications, type VerifyRunView } from "@/lib/audit-trail/verify-job";
import { LimitError, ValidationError } from "@/lib/model/errors";
import { LogKey } from "../log-key";
import { startVerificationAction } from "./actions";
import { RefreshWhileRunning } from "./refresh-while-running";

export const metadata: Metadata = { title: "Verify the audit trail" };

type SearchParams = { head?: string | string[] };

export default async function VerifyPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await requirePageCtx(listVerifications);
  const { head } = await searchParams;
  const runs = await listVerifications(ctx, {});
  const headText = typeof head === "string" ? head : "";
  const check = headText ? await checkHead(ctx, { head: headText }).catch(asInvalid) : null;

  return (
    <>
      <Link href="/audit" className="text-sm text-brand-700 underline">
        ← Audit trail
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">Verify the audit trail</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        Recomputes every event&apos;s hash from its content and the event before it, rebuilds the Merkle tree and checks every signed checkpoint
        against it. An incremental run starts from the last checkpoint a successful run reached and reads only the events after it. Runs go on in
        the background; their outcome is itself audited.
      </p>
      <div className="mt-4 flex flex-wrap items-start gap-4">
        <OperationForm action={startVerificationAction} hidden={{ kind: "incremental" }} submitLabel="Verify new events" />
        <OperationForm action={startVerificationAction} hidden={{ kind: "full" }} submitLabel="Verify the whole trail" />
        <a href="/audit/verify/head" download className="self-center text-sm text-brand-700 underline">
          Download the current head
        </a>
      </div>
      <RefreshWhileRunning running={runs.some((run) => run.status === "running")} />
      {runs.length > 0 && <RunsTable runs={runs} />}
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
      <LogKey />
    </>
  );
}

function asInvalid(error: unknown): HeadCheck {
  if (error instanceof ValidationError) return { status: "missing", message: error.fieldErrors.head?.join(" ") ?? error.message };
  if (error instanceof LimitError) return { status: "missing", message: error.message };
  throw error;
}

function outcome(run: VerifyRunView): string {
  if (run.status === "running") return `running: ${run.checked} of ${run.total} events checked`;
  if (run.status === "abandoned") return `abandoned at ${run.checked} of ${run.total} events (its process stopped)`;
  if (run.status === "intact") return `${run.checked} events intact, up to event ${run.verifiedSize}`;
  return `broken: ${run.problem ?? "unknown problem"}`;
}

function RunsTable({ runs }: { runs: VerifyRunView[] }) {
  return (
    <table className="mt-6 w-full max-w-4xl bg-white text-left text-sm shadow-sm" aria-label="Verifications">
      <TableHead columns={["Started (UTC)", "By", "Kind", "From event", "Outcome"]} />
      <tbody>
        {runs.map((run) => (
          <tr key={run.id} className="border-t border-slate-100 align-top">
            <td className="px-3 py-1.5 whitespace-nowrap">{run.startedAt.toISOString().replace("T", " ").slice(0, 19)}</td>
            <td className="px-3 py-1.5 break-all">{run.startedBy}</td>
            <td className="px-3 py-1.5">{run.kind}</td>
            <td className="px-3 py-1.5">{run.fromSize === "0" ? "the first" : run.fromSize}</td>
            <td className="px-3 py-1.5" role={run.status === "broken" ? "alert" : "status"}>
              {outcome(run)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
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
