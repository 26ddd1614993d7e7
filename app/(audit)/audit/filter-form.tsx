// The trail's filter as a plain GET form: the filter lives in the URL, so a view can be shared.
import Link from "next/link";
import { AUDIT_ACTIONS, AUDIT_RESULTS } from "@/lib/model/audit-event";
import { ACTOR_PART_MIN, type AuditFilter } from "@/lib/audit-trail/filter";

const input = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";

// datetime-local shows minutes and no zone; the page says the times are UTC.
const localValue = (date?: Date) => (date ? date.toISOString().slice(0, 16) : "");

export function FilterForm({ filter }: { filter: Partial<AuditFilter> }) {
  return (
    <form method="get" action="/audit" aria-label="Filter the audit trail" className="mt-4 grid grid-cols-1 gap-3 rounded-lg sm:grid-cols-2 bg-white p-4 shadow-sm md:grid-cols-3">
      <div className="text-sm">
        <label htmlFor="filter-actor">Actor email</label>
        <input id="filter-actor" name="actor" type="text" defaultValue={filter.actor ?? ""} aria-describedby="filter-actor-help" className={input} />
        <p id="filter-actor-help" className="mt-1 text-xs text-slate-600">
          Part of an address (at least {ACTOR_PART_MIN} characters) matches anywhere; a whole address matches exactly.
        </p>
      </div>
      <label className="text-sm">
        Workspace (name or id)
        <input name="workspace" type="text" defaultValue={filter.workspace ?? ""} className={input} />
      </label>
      <label className="text-sm">
        Action
        <select name="action" defaultValue={filter.action ?? ""} className={input}>
          <option value="">Any action</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        Result
        <select name="result" defaultValue={filter.result ?? ""} className={input}>
          <option value="">Any result</option>
          {AUDIT_RESULTS.map((result) => (
            <option key={result} value={result}>
              {result}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        From (UTC)
        <input name="from" type="datetime-local" defaultValue={localValue(filter.from)} className={input} />
      </label>
      <label className="text-sm">
        To (UTC)
        <input name="to" type="datetime-local" defaultValue={localValue(filter.to)} className={input} />
      </label>
      <label className="col-span-full flex items-center gap-2 text-sm">
        <input name="hideInvalid" type="checkbox" value="1" defaultChecked={filter.hideInvalid === true} />
        Hide validation failures (refused form input, error code <code>invalid</code>)
      </label>
      <div className="col-span-full flex items-center gap-4">
        <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white">
          Apply filter
        </button>
        <Link href="/audit" className="text-sm text-slate-600 underline">
          Clear
        </Link>
      </div>
    </form>
  );
}
