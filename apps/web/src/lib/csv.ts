import { parseCsvRows, type CsvRow } from '@vision/core/csv';

export type { CsvRow };

/** The server's own CSV reading (`@vision/core/csv`), so a file reads the same in the browser and on the server. */
export const parseCsv = (text: string): CsvRow[] => parseCsvRows(text).rows;

/** One CSV line; a field with a separator, quote, line break or edge space is quoted. */
export function csvLine(fields: readonly string[]): string {
  return fields.map((field) => (/[",;\t\r\n]|^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)).join(',');
}
