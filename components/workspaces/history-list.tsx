// A workspace's history in words (lib/workspaces/history-wording.ts), newest last.
import { TimeAgo } from "@/components/ui/time-ago";
import type { HistoryEntry } from "@/lib/workspaces/history";
import { historyLines } from "@/lib/workspaces/history-wording";

export function HistoryList({ entries }: { entries: HistoryEntry[] }) {
  const lines = historyLines(entries);
  return (
    <section className="mt-4 rounded-lg bg-white p-4 shadow-sm" aria-labelledby="history-heading">
      <h2 id="history-heading" className="font-medium">History</h2>
      {lines.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">Nothing recorded yet.</p>
      ) : (
        <ol className="mt-2 space-y-1 text-sm">
          {lines.map((line) => (
            <li key={line.seq}>
              <TimeAgo date={line.at} className="text-slate-600" />{" "}
              <span className="font-medium">{line.text}</span>
              {line.by && <span className="text-slate-600"> by {line.by}</span>}
              {line.reason && <span className="whitespace-pre-wrap break-words text-slate-600">: {line.reason}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
