import type { Metadata } from "next";
import { accessReport } from "@/lib/access/report";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { ExpectedError, ValidationError } from "@/lib/model/errors";
import { hasRole } from "@/lib/model/roles";
import { inputClass, secondaryButtonClass } from "@/components/ui/styles";
import { ExportForm } from "../export-form";

export const metadata: Metadata = { title: "Who has access" };

export default async function WhoHasAccessPage({ searchParams }: { searchParams: Promise<{ asOf?: string }> }) {
  const ctx = await requirePageCtx(accessReport);
  const { asOf } = await searchParams;
  const result = await accessReport(ctx, { asOf }).catch((error: unknown) => {
    if (error instanceof ExpectedError) return error;
    throw error;
  });
  const auditor = hasRole(ctx.actor.roles, "auditor");
  return (
    <section className="max-w-5xl">
      <h1 className="text-2xl font-semibold">Who has access to what</h1>
      <p className="mt-1 text-sm text-slate-600">
        Every workspace&rsquo;s contributors, who approved them and until when{auditor ? "; pick a date to see it as it stood then, rebuilt from the audit trail" : ""}.
      </p>
      {auditor && (
        <form method="get" className="mt-4 flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="asOf" className="block text-sm font-medium">
              As of (UTC)
            </label>
            <input
              id="asOf"
              name="asOf"
              type="datetime-local"
              defaultValue={asOf}
              aria-invalid={result instanceof ValidationError}
              aria-describedby="asOf-errors"
              className={inputClass}
            />
          </div>
          <button type="submit" className={secondaryButtonClass}>
            Show
          </button>
        </form>
      )}
      {result instanceof ExpectedError ? (
        <p id="asOf-errors" role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {result.message}
        </p>
      ) : (
        <>
          <ExportForm
            query={new URLSearchParams(asOf ? { asOf } : {})}
            action="/audit/access/export"
            label="Export who has access"
            bundle={false}
            className="mt-4 flex gap-4 text-sm"
          />
          <div className="mt-3 overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">Contributors {result.asOf ? `as of ${result.asOf}` : "now"}</caption>
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-2 pr-4">Workspace</th>
                  <th scope="col" className="py-2 pr-4">Contributor</th>
                  <th scope="col" className="py-2 pr-4">Access</th>
                  <th scope="col" className="py-2 pr-4">Approved by</th>
                  <th scope="col" className="py-2 pr-4">Until</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((row) => (
                  <tr key={`${row.workspace}/${row.subjectKind}/${row.subject}`} className="border-b border-slate-100">
                    <td className="py-2 pr-4 font-mono">{row.workspace}</td>
                    <td className="py-2 pr-4 break-all">
                      {row.subject}
                      {row.subjectKind === "Group" && " (group)"}
                    </td>
                    <td className="py-2 pr-4">{row.role}</td>
                    <td className="py-2 pr-4 break-all">{row.approvedBy ?? "—"}</td>
                    <td className="py-2 pr-4">{row.endsAt ? row.endsAt.slice(0, 10) : "no end date"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {result.rows.length === 0 && <p className="mt-3 text-sm text-slate-600">No contributors.</p>}
          </div>
        </>
      )}
    </section>
  );
}
