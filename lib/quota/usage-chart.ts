// Geometry of the small usage-over-time chart: samples of one resource as an SVG path, with the
// limit as a line. Pure and in base units, so the server renders the SVG and tests check the shape.
import { parseQuantity } from "./quantity";

export interface UsagePoint {
  at: Date;
  /** The quantity the cluster reported (status.used), as written. */
  used: string | undefined;
}

export interface ChartBox {
  width: number;
  height: number;
  from: Date;
  to: Date;
}

export interface ChartGeometry {
  /** "M x y L x y …", or "" with no usable sample. */
  path: string;
  /** Where the limit's line sits (y); the top of the chart when usage never went above it. */
  limitY: number;
  /** The highest value drawn, in base units (the limit, or more when usage exceeded it). */
  top: number;
  /** Highest usage seen, in base units. */
  peak: number;
  points: number;
  /** The newest sample, marked with a dot (a single sample has no line to draw). */
  last: { x: number; y: number } | null;
}

const round = (n: number) => Math.round(n * 10) / 10;

export function chartGeometry(samples: readonly UsagePoint[], limit: string, box: ChartBox): ChartGeometry {
  const limitParsed = parseQuantity(limit);
  const limitValue = limitParsed.ok ? limitParsed.value : 0;
  const values = samples
    .flatMap((s) => {
      const parsed = s.used === undefined ? { ok: true as const, value: 0 } : parseQuantity(s.used);
      return parsed.ok ? [{ t: s.at.getTime(), v: parsed.value }] : [];
    })
    .sort((a, b) => a.t - b.t);
  const peak = values.reduce((max, s) => Math.max(max, s.v), 0);
  const top = Math.max(limitValue, peak) || 1;
  const span = Math.max(box.to.getTime() - box.from.getTime(), 1);
  const x = (t: number) => round(((Math.min(Math.max(t, box.from.getTime()), box.to.getTime()) - box.from.getTime()) / span) * box.width);
  const y = (v: number) => round(box.height - (v / top) * box.height);
  const path = values.map((s, i) => `${i === 0 ? "M" : "L"}${x(s.t)} ${y(s.v)}`).join(" ");
  const newest = values.at(-1);
  return { path, limitY: y(limitValue), top, peak, points: values.length, last: newest ? { x: x(newest.t), y: y(newest.v) } : null };
}
