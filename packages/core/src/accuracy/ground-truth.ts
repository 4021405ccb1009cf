import path from 'node:path';
import { normaliseEntity } from '../answer/index.ts';
import { isLabelsHeader, LABELLED_IMAGE_EXTENSION, parseCsvRows } from './csv-rows.ts';
import { LABEL_ALTERNATIVE_SEPARATOR } from './label-alternatives.ts';
import type { LabelCsvProblem } from '../schemas/comparison.ts';

/** Image name -> label. A label may list alternatives joined with `|` ("airplane|aircraft|plane"). */
export interface GroundTruth {
  labels: Map<string, string>;
  /** What was skipped and why, one sentence each, for the user to fix. */
  problems: string[];
}

/**
 * Reads a `filename,label` CSV. A first row that names its columns ("filename,label", "image;class") is
 * taken as a header. Labels go through `normaliseEntity` ("Golden Retrievers" -> "golden retriever"), each
 * `|` alternative on its own. Rows without a file name or a label, rows with extra columns and repeated
 * file names (compared case-insensitively; the first row wins) are reported in `problems`.
 */
export function parseLabelsCsv(text: string): GroundTruth & { issues: LabelCsvProblem[] } {
  const { rows } = parseCsvRows(text);
  const labels = new Map<string, string>();
  const firstLineOf = new Map<string, number>();
  const issues: LabelCsvProblem[] = [];
  const [first] = rows;
  const body = first && isLabelsHeader(first.fields) ? rows.slice(1) : rows;
  for (const { line, fields } of body) {
    const [file = '', rawLabel = '', ...extra] = fields.map((field) => field.trim());
    if (file === '') {
      issues.push({ kind: 'no-file', line });
      continue;
    }
    const label = normaliseLabel(rawLabel);
    if (label === '') {
      issues.push({ kind: 'no-label', line, file });
      continue;
    }
    if (extra.some((field) => field !== '')) issues.push({ kind: 'extra-columns', line, columns: fields.length });
    const key = file.toLowerCase();
    const firstLine = firstLineOf.get(key);
    if (firstLine !== undefined) {
      issues.push({ kind: 'repeated', line, file, firstLine });
      continue;
    }
    firstLineOf.set(key, line);
    labels.set(file, label);
  }
  return { labels, problems: issues.map(describeLabelCsvProblem), issues };
}

/** A skipped or partly read row of a labels CSV, in English (clients in other languages use its kind). */
export function describeLabelCsvProblem(problem: LabelCsvProblem): string {
  switch (problem.kind) {
    case 'no-file':
      return `line ${problem.line}: no file name`;
    case 'no-label':
      return `line ${problem.line}: no label for ${problem.file}`;
    case 'extra-columns':
      return `line ${problem.line}: ${problem.columns} columns, expected 2 (file name, label); the rest is ignored`;
    case 'repeated':
      return `line ${problem.line}: ${problem.file} is listed again (first on line ${problem.firstLine}); the first label is kept`;
  }
}

/**
 * Labels from a folder layout: each image's label is the name of the folder it sits in, relative to
 * `root` (`dataset/cat/1.jpg` -> "cat", `dataset/pets/dog/2.png` -> "dog"). Images directly in `root` get no
 * label; paths outside `root` and files that are not images are skipped. Keys are the paths as given
 * (with `/`), so `lookupLabel` finds them by full path or, when unique, by file name.
 */
export function labelsFromFolders(paths: readonly string[], root: string): GroundTruth {
  const labels = new Map<string, string>();
  const problems: string[] = [];
  const base = toPosix(root).replace(/\/+$/, '');
  let inRoot = 0;
  let notImages = 0;
  for (const given of paths) {
    const file = toPosix(given);
    const relative = path.posix.relative(base === '' ? '.' : base, file);
    if (relative === '' || relative.startsWith('..') || path.posix.isAbsolute(relative)) {
      problems.push(`${given} is not inside ${root}`);
      continue;
    }
    const name = path.posix.basename(relative);
    if (name.startsWith('.') || !LABELLED_IMAGE_EXTENSION.test(name)) {
      notImages++;
      continue;
    }
    const folder = path.posix.dirname(relative);
    if (folder === '.') {
      inRoot++;
      continue;
    }
    const label = normaliseLabel(path.posix.basename(folder).replace(/[_]+/g, ' '));
    if (label === '') problems.push(`${given}: the folder name gives no label`);
    else labels.set(file, label);
  }
  if (inRoot > 0) problems.push(`${inRoot} image(s) directly in ${root} have no folder, so no label`);
  if (notImages > 0) problems.push(`${notImages} file(s) skipped: not images`);
  return { labels, problems };
}

/**
 * The label of an image: by its exact name, then its name ignoring case, then by file name alone
 * (ignoring folders and case) when every labelled file of that name has the same label.
 */
export function lookupLabel<T>(labels: ReadonlyMap<string, T>, filename: string): T | undefined {
  const exact = labels.get(filename);
  if (exact !== undefined) return exact;
  const lower = toPosix(filename).toLowerCase();
  const wantedBase = path.posix.basename(lower);
  let byName: T | undefined;
  const byBase: T[] = [];
  for (const [key, value] of labels) {
    const keyLower = toPosix(key).toLowerCase();
    if (keyLower === lower) byName ??= value;
    if (path.posix.basename(keyLower) === wantedBase) byBase.push(value);
  }
  if (byName !== undefined) return byName;
  // Two folders may hold a "1.jpg" each: a file name alone decides only when their labels agree.
  return byBase.length > 0 && byBase.every((value) => value === byBase[0]) ? byBase[0] : undefined;
}

/** `normaliseEntity` on each `|` alternative, rejoined; '' when nothing is left. */
function normaliseLabel(raw: string): string {
  const alternatives = raw
    .split(LABEL_ALTERNATIVE_SEPARATOR)
    .map(normaliseEntity)
    .filter((label) => label !== '');
  return [...new Set(alternatives)].join(LABEL_ALTERNATIVE_SEPARATOR);
}

const toPosix = (value: string): string => value.replace(/\\/g, '/');
