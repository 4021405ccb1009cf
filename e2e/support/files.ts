import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validPhotos, type CorpusEntry } from '@vision/testkit';

export interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export const photos = (): CorpusEntry[] => validPhotos();
export const photoName = (photo: CorpusEntry): string => path.basename(photo.file);

/** A corpus photo under another name (the bytes decide what it is, not the name). */
export function photoAs(name: string, photo: CorpusEntry = photos()[0]!): UploadFile {
  return { name, mimeType: 'application/octet-stream', buffer: readFileSync(photo.absolutePath) };
}

export const photoUploads = (): UploadFile[] => photos().map((photo) => photoAs(photoName(photo), photo));

/** A text file pretending to be a PNG: the server refuses it as "not an image". */
export const textAsPng = (name = 'notes.png'): UploadFile => ({
  name,
  mimeType: 'image/png',
  buffer: Buffer.from('These are my notes, not a picture.\n'),
});

export const emptyFile = (name = 'empty.jpg'): UploadFile => ({ name, mimeType: 'image/jpeg', buffer: Buffer.alloc(0) });

export const svgFile = (name = 'logo.svg'): UploadFile => ({
  name,
  mimeType: 'image/svg+xml',
  buffer: Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>'),
});

/** A `filename,label` CSV for the photos, every acceptable label joined with `|` ("dog|puppy"), plus any extra rows. */
export function labelsCsv(entries: CorpusEntry[] = photos(), extraRows: string[] = []): UploadFile {
  const rows = entries.map((photo) => `${photoName(photo)},${[photo.label, ...photo.alternatives].join('|')}`);
  return { name: 'labels.csv', mimeType: 'text/csv', buffer: Buffer.from(['filename,label', ...rows, ...extraRows].join('\n')) };
}
