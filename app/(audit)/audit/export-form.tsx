// The export buttons: a POST form carrying the current filter (starting an export is audited,
// so it is never a GET link). The trail's form also offers the verifiable bundle.
export function ExportForm({
  query,
  action = "/audit/export",
  label = "Export the audit trail",
  bundle = true,
  className = "ml-auto flex gap-3 text-sm",
}: {
  query: URLSearchParams;
  action?: string;
  label?: string;
  bundle?: boolean;
  className?: string;
}) {
  return (
    <form method="post" action={action} className={className} aria-label={label}>
      {[...query.entries()].map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" name="format" value="csv" className="text-brand-700 underline">
        Export CSV
      </button>
      <button type="submit" name="format" value="jsonl" className="text-brand-700 underline">
        Export JSONL
      </button>
      {bundle ? (
        <button type="submit" name="format" value="bundle" className="text-brand-700 underline" title="Every event and signed checkpoint, for scripts/verify-bundle.ts">
          Export verifiable bundle
        </button>
      ) : null}
    </form>
  );
}
