// Filters of the approval queue: a plain GET form, so a filtered queue can be bookmarked.
import { TierFilter } from "@/components/admin/tier-filter";
import { inputClass, secondaryButtonClass } from "@/components/ui/styles";
import type { QueueFilter } from "@/lib/workspaces/queue";

export function QueueFilters({ filter, tiers }: { filter: QueueFilter; tiers: { slug: string; name: string }[] }) {
  return (
    <form method="get" role="search" aria-label="Filter requests" className="mt-4 flex flex-wrap items-end gap-3 text-sm">
      <TierFilter id="filter-tier" value={filter.tier} tiers={tiers} />
      <div>
        <label htmlFor="filter-requester" className="block">Requester</label>
        <input id="filter-requester" name="requester" defaultValue={filter.requester ?? ""} className={inputClass} />
      </div>
      <div>
        <label htmlFor="filter-name" className="block">Workspace name contains</label>
        <input id="filter-name" name="name" defaultValue={filter.name ?? ""} className={inputClass} />
      </div>
      <div>
        <label htmlFor="filter-age" className="block">Waiting at least (days)</label>
        <input id="filter-age" name="minAgeDays" inputMode="numeric" defaultValue={filter.minAgeDays ?? ""} className={`${inputClass} max-w-24`} />
      </div>
      <button type="submit" className={secondaryButtonClass}>Filter</button>
    </form>
  );
}
