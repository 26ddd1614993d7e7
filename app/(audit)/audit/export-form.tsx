// The export buttons: a POST form carrying the current filter (starting an export is audited,
// so it is never a GET link).
export function ExportForm({ query }: { query: URLSearchParams }) {
  return (
    <form method="post" action="/audit/export" className="ml-auto flex gap-3 text-sm" aria-label="Export the audit trail">
      {[...query.entries()].map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" name="format" value="csv" className="text-brand-700 underline">
        Export CSV
      </button>
      <button type="submit" name="format" value="jsonl" className="text-brand-700 underline">
        Export JSONL
      </button>
      <button type="submit" name="format" value="bundle" className="text-brand-700 underline" title="Every event and signed checkpoint, for scripts/verify-bundle.ts">
        Export verifiable bundle
      </button>
    </form>
  );
}
