// A time as people read it ("3 min ago", "in 6 days"), with the exact UTC time on hover and in
// the markup (<time dateTime>). Rendered on the server: no script, no clock in the browser.

import { formatUtc } from "@/lib/model/utc-time";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

const format = new Intl.RelativeTimeFormat("en", { numeric: "auto", style: "short" });

/** The relative wording of `date` seen from `now`: the largest whole unit, "now" under a minute. */
export function relativeText(date: Date, now: Date): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return "just now";
}

export function TimeAgo({ date, now = new Date(), className }: { date: Date; now?: Date; className?: string }) {
  const exact = formatUtc(date, "second");
  return (
    <time dateTime={date.toISOString()} title={exact} className={className}>
      {relativeText(date, now)}
    </time>
  );
}
