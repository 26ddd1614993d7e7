// Paging of the approval queue: plain links that keep the filter, so any page can be bookmarked
// and works without script. The current page is marked for screen readers with aria-current.
import Link from "next/link";
import type { QueueFilter } from "@/lib/workspaces/queue";

export function queueHref(filter: QueueFilter, page: number): string {
  const params = new URLSearchParams();
  if (filter.tier) params.set("tier", filter.tier);
  if (filter.requester) params.set("requester", filter.requester);
  if (filter.minAgeDays !== undefined) params.set("minAgeDays", String(filter.minAgeDays));
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/admin/requests?${query}` : "/admin/requests";
}

/** Page numbers to offer: the first, the last, and the two either side of the current one. */
export function pagesAround(page: number, pageCount: number): (number | "gap")[] {
  const wanted = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pageCount])].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  const out: (number | "gap")[] = [];
  for (const n of wanted) {
    const last = out.at(-1);
    if (typeof last === "number" && n > last + 1) out.push("gap");
    out.push(n);
  }
  return out;
}

const linkClass = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-brand-700 underline hover:bg-slate-50";

export function QueuePages({ filter, page, pageCount, label }: { filter: QueueFilter; page: number; pageCount: number; label: string }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center gap-2 text-sm">
      {page > 1 && (
        <Link href={queueHref(filter, page - 1)} rel="prev" className={linkClass}>
          Previous<span className="sr-only"> page</span>
        </Link>
      )}
      <ul className="flex flex-wrap items-center gap-1">
        {pagesAround(page, pageCount).map((n, i) =>
          n === "gap" ? (
            <li key={`gap-${i}`} aria-hidden="true" className="px-1 text-slate-500">…</li>
          ) : (
            <li key={n}>
              {n === page ? (
                <span aria-current="page" className="inline-block rounded-md bg-brand-600 px-3 py-1.5 font-semibold text-white">
                  <span className="sr-only">Page </span>{n}
                </span>
              ) : (
                <Link href={queueHref(filter, n)} className={linkClass}>
                  <span className="sr-only">Page </span>{n}
                </Link>
              )}
            </li>
          ),
        )}
      </ul>
      {page < pageCount && (
        <Link href={queueHref(filter, page + 1)} rel="next" className={linkClass}>
          Next<span className="sr-only"> page</span>
        </Link>
      )}
    </nav>
  );
}
