import type { Metadata } from "next";
import Link from "next/link";
import { ExportForm } from "./export-form";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { filterToSearchParams, isWholeAddress, parseAuditFilter, type AuditFilter } from "@/lib/audit-trail/filter";
import { listAuditEvents, type AuditPage } from "@/lib/audit-trail/queries";
import { ValidationError } from "@/lib/model/errors";
import { EventTable } from "./event-table";
import { FilterForm } from "./filter-form";

export const metadata: Metadata = { title: "Audit trail" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await requirePageCtx(listAuditEvents);
  const params = await searchParams;
  let filter: AuditFilter;
  let page: AuditPage;
  try {
    filter = parseAuditFilter(params);
    page = await listAuditEvents(ctx, filter);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return <InvalidFilter error={error} />;
  }
  const { before: _before, ...withoutCursor } = filter;
  const exportQuery = filterToSearchParams({ ...withoutCursor, limit: undefined });

  return (
    <>
      <div className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-2xl font-semibold">Audit trail</h1>
        <Link href="/audit/verify" className="text-sm text-brand-700 underline">
          Verify the chain
        </Link>
        <ExportForm query={exportQuery} />
      </div>
      <p className="mt-1 text-sm text-slate-600">Newest first. Every change and every refused attempt is recorded here.</p>
      <FilterForm filter={filter} />
      {page.events.length === 0 ? (
        <NothingMatches filter={filter} />
      ) : (
        <EventTable events={page.events} />
      )}
      <nav aria-label="Pages" className="mt-4 flex gap-4 text-sm">
        {filter.before !== undefined && (
          <Link href={`/audit?${filterToSearchParams(withoutCursor)}`} className="text-brand-700 underline">
            Newest events
          </Link>
        )}
        {page.nextCursor && (
          <Link href={`/audit?${filterToSearchParams({ ...filter, before: BigInt(page.nextCursor) })}`} className="text-brand-700 underline">
            Older events
          </Link>
        )}
      </nav>
    </>
  );
}

/** Says which parts of the filter may be why nothing matched, and how to widen it. */
function NothingMatches({ filter }: { filter: AuditFilter }) {
  const hints = [
    filter.actor && isWholeAddress(filter.actor) ? `"${filter.actor}" is matched exactly; type a part of it (e.g. the name) to match more.` : null,
    filter.actor && !isWholeAddress(filter.actor) ? `No actor's address contains "${filter.actor}".` : null,
    filter.workspace ? "The workspace is matched by its exact name or id." : null,
    filter.from || filter.to ? "The time range is in UTC." : null,
    filter.hideInvalid ? "Validation failures are hidden." : null,
  ].filter((hint): hint is string => hint !== null);
  return (
    <div role="status" className="mt-6 rounded-md border border-slate-200 bg-white p-3 text-sm text-slate-700">
      <p>No events match this filter.</p>
      {hints.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {hints.map((hint) => (
            <li key={hint}>{hint}</li>
          ))}
        </ul>
      )}
      <Link href="/audit" className="mt-1 inline-block text-brand-700 underline">
        Clear the filter
      </Link>
    </div>
  );
}

function InvalidFilter({ error }: { error: ValidationError }) {
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800">
      <p className="font-medium">This filter or page link is not valid.</p>
      <ul className="mt-2 list-disc pl-5">
        {Object.entries(error.fieldErrors).map(([field, messages]) => (
          <li key={field}>
            {field}: {messages.join(" ")}
          </li>
        ))}
      </ul>
      <Link href="/audit" className="mt-2 inline-block underline">
        Start from the newest events.
      </Link>
    </div>
  );
}
