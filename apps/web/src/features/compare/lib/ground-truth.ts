import { isLabelsHeader } from '@vision/core/csv';
import { csvLine, parseCsv } from '../../../lib/csv';

/** A chosen photo as the comparison uploads it. */
export interface DatasetPhoto {
  name: string;
  /** Its path inside a dropped or picked folder ("dataset/cat/1.jpg"); null for a loose file. */
  path: string | null;
}

export type LabelProblem =
  | { kind: 'no-file'; line: number }
  | { kind: 'no-label'; line: number; file: string }
  | { kind: 'repeated'; line: number; file: string }
  | { kind: 'several-photos'; line: number; file: string; count: number };

/** The labels the server will get, keyed by the name each photo is uploaded under. */
export interface GroundTruth {
  labels: ReadonlyMap<string, string>;
  /** Rows that name no chosen photo (the CSV may cover a larger dataset). */
  unmatched: Array<{ line: number; file: string }>;
  problems: LabelProblem[];
}

/**
 * The name a photo is uploaded under: its folder path when it came in a folder, so that "cat/1.jpg" and
 * "dog/1.jpg" stay two photos with two labels; otherwise its file name.
 */
export const uploadName = (photo: DatasetPhoto): string => photo.path ?? photo.name;

/**
 * Reads a `filename,label` CSV (header optional, as the server reads it) and finds each row's photo: by its
 * exact name, then ignoring case, then by path suffix ("valid/cat.jpg" and "cat.jpg"), then by file name alone.
 * A row that fits several photos labels none; the first row for a photo wins.
 */
export function labelsFromCsv(text: string, photos: readonly DatasetPhoto[]): GroundTruth {
  const rows = parseCsv(text);
  const [first] = rows;
  const body = first && isLabelsHeader(first.fields) ? rows.slice(1) : rows;
  const names = photos.map(uploadName);
  const labels = new Map<string, string>();
  const unmatched: GroundTruth['unmatched'] = [];
  const problems: LabelProblem[] = [];
  for (const { line, fields } of body) {
    const [file = '', label = ''] = fields.map((field) => field.trim());
    if (file === '') problems.push({ kind: 'no-file', line });
    else if (label.replace(/\|/g, '').trim() === '') problems.push({ kind: 'no-label', line, file });
    else {
      const found = findPhotos(file, names);
      if (found.length === 0) unmatched.push({ line, file });
      else if (found.length > 1) problems.push({ kind: 'several-photos', line, file, count: found.length });
      else if (labels.has(found[0]!)) problems.push({ kind: 'repeated', line, file });
      else labels.set(found[0]!, label);
    }
  }
  return { labels, unmatched, problems };
}

/** Each photo that came in a folder is labelled with the name of the folder it sits in ("pets/golden_retriever/1.jpg" -> "golden retriever"). */
export function labelsFromFolders(photos: readonly DatasetPhoto[]): GroundTruth {
  const labels = new Map<string, string>();
  for (const photo of photos) {
    const folders = photo.path?.split('/').slice(0, -1) ?? [];
    const label = (folders.at(-1) ?? '').replace(/_+/g, ' ').trim();
    if (label) labels.set(uploadName(photo), label);
  }
  return { labels, unmatched: [], problems: [] };
}

/** The labels as the server reads them: a `filename,label` CSV sent in the comparison's `labels` field. */
export function groundTruthCsv(labels: ReadonlyMap<string, string>): string {
  return [csvLine(['filename', 'label']), ...[...labels].map(([name, label]) => csvLine([name, label]))].join('\n');
}

/** Labels with how many photos each, most frequent first: what a folder layout gives at a glance. */
export function countLabels(labels: ReadonlyMap<string, string>): Array<{ label: string; count: number }> {
  const counts = new Map<string, number>();
  for (const label of labels.values()) counts.set(label, (counts.get(label) ?? 0) + 1);
  return [...counts].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

function findPhotos(file: string, names: readonly string[]): string[] {
  const wanted = file.replace(/\\/g, '/').replace(/^\.?\//, '');
  const lower = wanted.toLowerCase();
  const base = lower.split('/').at(-1) ?? lower;
  const tests: Array<(name: string) => boolean> = [
    (name) => name === wanted,
    (name) => name.toLowerCase() === lower,
    (name) => {
      const candidate = name.toLowerCase();
      return candidate.endsWith(`/${lower}`) || lower.endsWith(`/${candidate}`);
    },
    (name) => name.toLowerCase().split('/').at(-1) === base,
  ];
  for (const test of tests) {
    const found = names.filter(test);
    if (found.length > 0) return found;
  }
  return [];
}
