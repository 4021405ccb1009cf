import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const CORPUS_DIR = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url));

export interface CorpusEntry {
  /** Path relative to CORPUS_DIR, e.g. `valid/puppies.jpg`. */
  file: string;
  absolutePath: string;
  /** Format from the bytes, as the manifest states it (`JPEG`, `PNG (bad signature)`, ...). */
  format: string;
  width: number;
  height: number;
  bytes: number;
  /** The main entity a person sees, or `invalid` for the corrupt files. */
  label: string;
  /** Other acceptable labels, from the manifest's `alt:` notes. */
  alternatives: string[];
  notes: string;
}

let cached: CorpusEntry[] | undefined;

export function corpusManifest(): CorpusEntry[] {
  if (cached) return cached;
  const lines = readFileSync(path.join(CORPUS_DIR, 'manifest.tsv'), 'utf8').trim().split('\n').slice(1);
  cached = lines.map((line) => {
    const [file = '', format = '', width = '0', height = '0', bytes = '0', label = '', , notes = ''] = line.split('\t');
    const alt = /alt: ([^;[]+)/.exec(notes)?.[1] ?? '';
    return {
      file,
      absolutePath: path.join(CORPUS_DIR, file),
      format,
      width: Number(width),
      height: Number(height),
      bytes: Number(bytes),
      label,
      alternatives: alt
        .split(',')
        .map((word) => word.trim())
        .filter(Boolean),
      notes,
    };
  });
  return cached;
}

export const validPhotos = (): CorpusEntry[] => corpusManifest().filter((entry) => entry.label !== 'invalid');
export const corruptFiles = (): CorpusEntry[] => corpusManifest().filter((entry) => entry.label === 'invalid');
