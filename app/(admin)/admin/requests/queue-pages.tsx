// Paging of the approval queue: every link keeps the filter, so any page can be bookmarked.
import { PageLinks } from "@/components/ui/page-links";
import type { QueueFilter } from "@/lib/workspaces/queue";

export function queueHref(filter: QueueFilter, page: number): string {
  const params = new URLSearchParams();
  if (filter.tier) params.set("tier", filter.tier);
  if (filter.requester) params.set("requester", filter.requester);
  if (filter.name) params.set("name", filter.name);
  if (filter.minAgeDays !== undefined) params.set("minAgeDays", String(filter.minAgeDays));
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/admin/requests?${query}` : "/admin/requests";
}

export function QueuePages({ filter, page, pageCount, label }: { filter: QueueFilter; page: number; pageCount: number; label: string }) {
  return <PageLinks page={page} pageCount={pageCount} label={label} href={(n) => queueHref(filter, n)} />;
}
