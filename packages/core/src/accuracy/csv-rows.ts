export interface CsvRow {
  /** 1-based line of the row's first character, for messages. */
  line: number;
  fields: string[];
  /** The row exactly as written, without its line break (for passing rows on untouched). */
  text: string;
}

export type CsvSeparator = ',' | ';' | '\t';

/**
 * Pure and dependency-free: also imported by the web app and the CLI as `@vision/core/csv`.
 *
 * Rows of a small delimited text (RFC 4180 quoting: `"a, b"`, `"say ""hi"""`, line breaks inside quotes),
 * with or without a byte-order mark, LF or CRLF. Blank lines are skipped. The separator is the one of
 * `,` `;` tab that occurs most often outside quotes on the first non-blank line (a comma on a tie), so
 * spreadsheets that export with `;` work as they are.
 */
export function parseCsvRows(text: string): { separator: CsvSeparator; rows: CsvRow[] } {
  const body = text.replace(/^\uFEFF/, '');
  const separator = detectSeparator(body);
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let rowStart = 0;
  const endRow = (end: number): void => {
    fields.push(field);
    if (fields.some((value) => value.trim() !== '')) rows.push({ line: rowLine, fields, text: body.slice(rowStart, end) });
    fields = [];
    field = '';
  };
  for (let i = 0; i < body.length; i++) {
    const char = body[i] as string;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line++;
        field += char;
      }
    } else if (char === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (char === separator) {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      const end = i;
      if (char === '\r' && body[i + 1] === '\n') i++;
      endRow(end);
      line++;
      rowLine = line;
      rowStart = i + 1;
    } else field += char;
  }
  if (field !== '' || fields.length > 0) endRow(body.length);
  return { separator, rows };
}

function detectSeparator(text: string): CsvSeparator {
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  const unquoted = firstLine.replace(/"(?:[^"]|"")*"/g, '');
  const counts: Array<[CsvSeparator, number]> = [',', ';', '\t'].map((separator) => [
    separator as CsvSeparator,
    unquoted.split(separator).length - 1,
  ]);
  const [best] = counts.sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ',';
}

const FILE_HEADERS = new Set([
  'file',
  'filename',
  'file name',
  'file_name',
  'image',
  'image name',
  'image_name',
  'name',
  'path',
  'filepath',
  'file path',
  'image_path',
]);
const LABEL_HEADERS = new Set(['label', 'labels', 'class', 'category', 'entity', 'tag', 'truth', 'ground truth', 'ground_truth', 'answer']);
/** The file names a labels CSV may list (wider than what is uploaded: a CSV may cover a larger dataset). */
export const LABELLED_IMAGE_EXTENSION = /\.(?:jpe?g|png|gif|bmp|webp|tiff?|heic|heif|avif)$/i;

/**
 * Whether the first row of a `filename,label` CSV names its columns ("filename,label", "image;class") rather
 * than labelling a photo: the server, the web app and the CLI read a labels file alike.
 */
export function isLabelsHeader(fields: readonly string[]): boolean {
  const [file = '', label = ''] = fields.map((field) => field.trim().toLowerCase());
  if (LABELLED_IMAGE_EXTENSION.test(file)) return false;
  return FILE_HEADERS.has(file) || LABEL_HEADERS.has(label);
}
