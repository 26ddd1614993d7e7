// Usage of one resource over the retention window as a small server-rendered SVG: the line is the
// picture, the caption carries the numbers (peak and limit, in the limit's unit).
import { chartGeometry, type UsagePoint } from "@/lib/quota/usage-chart";
import { inUnitOf } from "@/lib/quota/usage-units";

const WIDTH = 240;
const HEIGHT = 48;

export function UsageChart({ label, samples, limit, from, to }: { label: string; samples: UsagePoint[]; limit: string; from: Date; to: Date }) {
  const g = chartGeometry(samples, limit, { width: WIDTH, height: HEIGHT, from, to });
  const caption =
    g.points === 0 ? `${label}: no samples yet` : `${label}: peak ${inUnitOf(g.peak, limit)} of ${limit} over ${g.points} sample${g.points === 1 ? "" : "s"}`;
  return (
    <figure className="min-w-0">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" height={HEIGHT} preserveAspectRatio="none" role="img" aria-label={caption} className="block max-w-[240px] rounded bg-slate-50">
        <line x1="0" x2={WIDTH} y1={g.limitY} y2={g.limitY} stroke="currentColor" strokeDasharray="4 3" className="text-red-600" strokeWidth="1" vectorEffect="non-scaling-stroke" />
        {g.path && <path d={g.path} fill="none" stroke="currentColor" className="text-brand-700" strokeWidth="1.5" vectorEffect="non-scaling-stroke" />}
        {g.last && <circle cx={g.last.x} cy={Math.min(Math.max(g.last.y, 2), HEIGHT - 2)} r="2" fill="currentColor" className="text-brand-700" />}
      </svg>
      <figcaption className="mt-1 text-xs text-slate-600">{caption}</figcaption>
    </figure>
  );
}
