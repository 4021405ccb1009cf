import { parseCsvRows } from '@vision/core/csv';

/** One row of the user's labels CSV, as written, with the line it starts on and the file it names. */
export interface LabelsRow {
  line: number;
  text: string;
  /** The first field, unquoted and trimmed; '' when the row names no file. */
  file: string;
}

/**
 * Splits a labels CSV into its rows the way the server reads it (the same parser, `@vision/core/csv`), keeping
 * each row's text untouched so that what is sent on is exactly what the user wrote.
 */
export function splitLabelsCsv(text: string): LabelsRow[] {
  return parseCsvRows(text).rows.map((row) => ({ line: row.line, text: row.text, file: (row.fields[0] ?? '').trim() }));
}

const baseName = (file: string) => (file.split(/[\\/]/).pop() ?? file).toLowerCase();

/** Whether a row may label one of these uploaded names: the server matches by the whole name, then the base name. */
function rowMatcher(names: readonly string[]): (row: LabelsRow) => boolean {
  const wanted = new Set(names.flatMap((name) => [name.toLowerCase(), baseName(name)]));
  return (row) => wanted.has(row.file.toLowerCase());
}

/**
 * The part of the labels CSV that concerns one upload: its first row (a header, or harmless), the rows naming
 * one of `names`, and, when `withUnnamed`, the rows that name no file (so the server reports them once).
 * Each row stays on its own line, blank lines standing in for the rest, so the server's problems
 * ("line 12: no label for x.jpg") point into the user's file. A dataset split into several uploads
 * must not send the whole file each time.
 */
export function labelsCsvFor(rows: readonly LabelsRow[], names: readonly string[], withUnnamed: boolean): string | undefined {
  const matches = rowMatcher(names);
  const kept = rows.filter((row, position) => position === 0 || matches(row) || (withUnnamed && row.file === ''));
  if (!kept.some((row, position) => position > 0 || matches(row))) return undefined;
  let text = '';
  let line = 1;
  for (const row of kept) {
    text += '\n'.repeat(Math.max(0, row.line - line)) + row.text;
    line = row.line + (row.text.match(/\n/g)?.length ?? 0);
  }
  return `${text}\n`;
}

/** Rows naming none of the photos being analysed (a typo, or a labels file for a larger dataset). */
export function rowsNamingNoPhoto(rows: readonly LabelsRow[], names: readonly string[]): LabelsRow[] {
  const matches = rowMatcher(names);
  const looksLikeHeader = (row: LabelsRow, position: number) => position === 0 && !/\.[a-z0-9]{2,5}$/i.test(row.file);
  return rows.filter((row, position) => row.file !== '' && !matches(row) && !looksLikeHeader(row, position));
}

/** A `filename,label` CSV the server reads: quoted where a field needs it, no formula guard (these are data). */
export function labelsCsv(entries: ReadonlyArray<{ file: string; label: string }>): string {
  const field = (value: string) => (/[",;\t\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value);
  return ['filename,label', ...entries.map(({ file, label }) => `${field(file)},${field(label)}`)].join('\n') + '\n';
}
