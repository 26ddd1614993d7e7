// Times as people read them on every page: in UTC, saying so; to the minute, or to the second
// where the exact moment matters (the tooltip behind a relative time).
export function formatUtc(date: Date, precision: "minute" | "second" = "minute"): string {
  return `${date.toISOString().slice(0, precision === "minute" ? 16 : 19).replace("T", " ")} UTC`;
}

/** The calendar day in UTC (end dates, renewal windows). */
export function formatUtcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
