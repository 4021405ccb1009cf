export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  align?: 'left' | 'right';
  /** Longer values are cut with an ellipsis (for free text such as error messages). */
  maxWidth?: number;
  /** Applied after padding, so colour codes do not upset the widths. */
  style?: (text: string, row: Row) => string;
}

/** A plain-text table: columns padded to their widest cell, two spaces apart, no trailing spaces. */
export function renderTable<Row>(
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  headerStyle: (text: string) => string = (t) => t,
): string[] {
  const cells = rows.map((row) => columns.map((column) => clip(column.value(row).replace(/\s+/g, ' '), column.maxWidth)));
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((line) => width(line[i]!))));
  const line = (values: string[], styleCell: (text: string, i: number) => string) =>
    values
      .map((value, i) => {
        const padding = ' '.repeat(widths[i]! - width(value));
        const padded = columns[i]!.align === 'right' ? padding + value : i === values.length - 1 ? value : value + padding;
        return styleCell(padded, i);
      })
      .join('  ')
      .trimEnd();
  return [
    line(
      columns.map((column) => column.header),
      (text) => headerStyle(text),
    ),
    ...cells.map((values, r) => line(values, (text, i) => columns[i]!.style?.(text, rows[r]!) ?? text)),
  ];
}

function clip(text: string, maxWidth: number | undefined): string {
  if (!maxWidth || width(text) <= maxWidth) return text;
  return `${[...text].slice(0, maxWidth - 1).join('')}…`;
}

/** Width in terminal cells, counting code points (good enough for file names and entity words). */
function width(text: string): number {
  return [...text].length;
}
