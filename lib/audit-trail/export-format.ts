// Lines of an audit export. CSV: every field quoted, quotes doubled, and a cell that a
// spreadsheet would read as a formula (= + - @, tab, CR) prefixed with ' (THREATS 21).
// JSONL: one JSON object per line, as stored.

export const EXPORT_COLUMNS = [
  "seq",
  "occurredAt",
  "actorIssuer",
  "actorSubject",
  "actorEmail",
  "actorName",
  "actorRoles",
  "action",
  "targetType",
  "targetId",
  "targetName",
  "before",
  "after",
  "reason",
  "result",
  "errorCode",
  "requestId",
  "clientAddress",
  "userAgent",
  "kubeAuditId",
  "prevHash",
  "hash",
] as const;

export type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], unknown>;

export function csvCell(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = "";
  else if (value instanceof Date) text = value.toISOString();
  else if (typeof value === "object") text = JSON.stringify(value);
  else text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

export function csvHeader(): string {
  return `${EXPORT_COLUMNS.map(csvCell).join(",")}\r\n`;
}

export function csvLine(row: ExportRow): string {
  return `${EXPORT_COLUMNS.map((column) => csvCell(row[column])).join(",")}\r\n`;
}

export function jsonLine(row: ExportRow, extra: Record<string, string> = {}): string {
  const object = { ...extra, ...Object.fromEntries(EXPORT_COLUMNS.map((column) => [column, row[column] ?? null])) };
  return `${JSON.stringify(object, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value))}\n`;
}
