// How old the Cluster page's picture is: it shows the reconciler's last scan, not a live read.

/** "12 s", "3 min", "2 h": coarse on purpose, the page is re-rendered when something changes. */
export function ageText(observedAt: Date, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - observedAt.getTime()) / 1000));
  if (seconds < 90) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min`;
  return `${Math.round(minutes / 60)} h`;
}

export function ScanAge({ observedAt, source, now = new Date() }: { observedAt: Date | null; source: "watch" | "list" | null; now?: Date }) {
  if (!observedAt) {
    return <p className="mt-1 text-sm text-slate-600">The reconciler has not looked at the cluster yet: drift and unmanaged Profiles show here after its first pass.</p>;
  }
  const how = source === "watch" ? "following the cluster's watches" : "listing the cluster";
  return (
    <p className="mt-1 text-sm text-slate-600">
      As the reconciler last saw it, <time dateTime={observedAt.toISOString()}>{ageText(observedAt, now)} ago</time> ({how}).
    </p>
  );
}
