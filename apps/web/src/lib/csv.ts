/**
 * The browser's copy of the server's CSV reading (packages/core/src/accuracy/csv-rows.ts): RFC 4180 quoting,
 * a byte-order mark, LF or CRLF, blank lines skipped, and `,` `;` or tab as separator, whichever occurs most
 * on the first line (spreadsheets export with `;` in some locales).
 */
export interface CsvRow {
  /** 1-based line of the row's first character, for messages. */
  line: number;
  fields: string[];
}

type Separator = ',' | ';' | '\t';

export function parseCsv(text: string): CsvRow[] {
  const body = text.replace(/^\uFEFF/, '');
  const separator = detectSeparator(body);
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    fields.push(field);
    if (fields.some((value) => value.trim() !== '')) rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
  };
  for (let at = 0; at < body.length; at += 1) {
    const char = body[at] ?? '';
    if (quoted) {
      if (char === '"' && body[at + 1] === '"') {
        field += '"';
        at += 1;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line += 1;
        field += char;
      }
    } else if (char === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (char === separator) {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && body[at + 1] === '\n') at += 1;
      endRow();
      line += 1;
      rowLine = line;
    } else field += char;
  }
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}

/** One CSV line; a field with a separator, quote, line break or edge space is quoted. */
export function csvLine(fields: readonly string[]): string {
  return fields.map((field) => (/[",;\t\r\n]|^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)).join(',');
}

function detectSeparator(text: string): Separator {
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  const unquoted = firstLine.replace(/"(?:[^"]|"")*"/g, '');
  const counts = ([',', ';', '\t'] as const).map((separator) => ({ separator, count: unquoted.split(separator).length - 1 }));
  const [best] = counts.sort((a, b) => b.count - a.count);
  return best && best.count > 0 ? best.separator : ',';
}
