// Numbered page links under a list: plain links (bookmarkable, no script), Previous/Next, the
// current page marked with aria-current, and the nav named so screen readers can tell two apart.
import Link from "next/link";

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

const linkClass = "inline-block rounded-md border border-slate-300 bg-white px-3 py-1.5 text-brand-700 underline hover:bg-slate-50";

export function PageLinks({ page, pageCount, label, href }: { page: number; pageCount: number; label: string; href: (page: number) => string }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center gap-2 text-sm">
      {page > 1 && (
        <Link href={href(page - 1)} rel="prev" className={linkClass}>
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
                <Link href={href(n)} className={linkClass}>
                  <span className="sr-only">Page </span>{n}
                </Link>
              )}
            </li>
          ),
        )}
      </ul>
      {page < pageCount && (
        <Link href={href(page + 1)} rel="next" className={linkClass}>
          Next<span className="sr-only"> page</span>
        </Link>
      )}
    </nav>
  );
}
