/** The formats a batch can be downloaded in (`GET /api/batches/:id/export?format=`) and the CLI writes. */
export const EXPORT_FORMATS = ['csv', 'json', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The formats of a comparison's download: every answer (CSV), the per-model figures (summary), or all (JSON). */
export const COMPARISON_EXPORT_FORMATS = ['csv', 'summary', 'json'] as const;
export type ComparisonExportFormat = (typeof COMPARISON_EXPORT_FORMATS)[number];

export const isExportFormat = (value: string): value is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(value);

export const isComparisonExportFormat = (value: string): value is ComparisonExportFormat =>
  (COMPARISON_EXPORT_FORMATS as readonly string[]).includes(value);

export interface ExportFile {
  filename: string;
  contentType: string;
  body: string;
}

/** One CSV cell: quoted when needed, and never a formula a spreadsheet would run. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // Spreadsheets run a cell that starts with = + - @ as a formula; a file name must never do that.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV file: a BOM (so spreadsheet programs read UTF-8 file names right), CRLF line ends. */
export function csvDocument(rows: ReadonlyArray<ReadonlyArray<unknown>>): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** Rows of records under the given columns, the header first. */
export function csvTable<T>(columns: ReadonlyArray<keyof T & string>, records: ReadonlyArray<T>): string {
  return csvDocument([columns, ...records.map((record) => columns.map((column) => record[column]))]);
}
