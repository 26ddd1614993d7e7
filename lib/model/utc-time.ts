// Times as people read them on every page: minutes, in UTC, saying so.
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** The calendar day in UTC (end dates, renewal windows). */
export function formatUtcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
