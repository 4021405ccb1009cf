import path from 'node:path';
import { isExportFormat } from '../../export-batch';
import type { LocalImage } from '../images/collect-images';
import { UsageError } from '../usage-error';
import { formatFromFileName, type OutputFormat } from './write-results';

export const OUTPUT_FORMATS = ['csv', 'json', 'jsonl', 'imagefolder', 'captions'] as const;
/** The file a captions run's journal is named after, in the folder the captions go to. */
export const CAPTIONS_ANCHOR = '.vision-captions';
export const METADATA_FILE = 'metadata.jsonl';

/** What `--out` and `--format` ask for, checked before any work is done. */
export interface OutputRequest {
  format: OutputFormat;
  out: string | undefined;
}

export interface OutputTarget {
  format: OutputFormat;
  /** Absolute path of the file written. */
  file: string;
  /** imagefolder: the dataset folder, which every `file_name` is relative to; captions: `--out` (absent: beside each image). */
  root?: string | undefined;
}

export function outputRequest(out: string | undefined, format: string | undefined): OutputRequest | undefined {
  if (format === undefined) return out === undefined ? undefined : { format: formatFromFileName(out), out };
  const chosen = format.toLowerCase();
  if (chosen === 'captions') return { format: chosen, out };
  if (chosen !== 'imagefolder' && !isExportFormat(chosen))
    throw new UsageError(`--format takes ${OUTPUT_FORMATS.join(', ')} (got "${format}").`);
  if (chosen !== 'imagefolder' && out === undefined) throw new UsageError(`--format ${chosen} needs --out <file> to write to.`);
  return { format: chosen, out };
}

/**
 * Where the results go. For `imagefolder` that is `metadata.jsonl` in the dataset folder: `--out <folder>`, else
 * the folder given (all images from one folder), else the deepest folder holding every image. Hugging Face
 * reads `file_name` relative to that folder, so an image outside it is refused rather than named with `../`.
 */
export function outputTarget(request: OutputRequest, images: readonly LocalImage[], cwd: string): OutputTarget {
  if (request.format === 'captions') return captionsTarget(request, images, cwd);
  if (request.format !== 'imagefolder') return { format: request.format, file: path.resolve(cwd, request.out!) };
  const given = request.out === undefined ? undefined : path.resolve(cwd, request.out);
  const root = given === undefined ? datasetFolder(images, cwd) : path.basename(given) === METADATA_FILE ? path.dirname(given) : given;
  if (given === undefined && path.parse(root).root === root) {
    throw new UsageError(`The images share no folder but ${root}: give the dataset folder with --out <folder>; metadata.jsonl goes there.`);
  }
  const outside = images.find((image) => !isInside(root, image.path));
  if (outside) {
    throw new UsageError(
      `${outside.name} is outside ${request.out ?? root}: imagefolder names every image relative to the folder holding metadata.jsonl. ` +
        'Give --out a folder that holds every image, or copy the images into the dataset folder.',
    );
  }
  return { format: 'imagefolder', file: path.join(root, METADATA_FILE), root };
}

/** The one folder given, or the deepest folder that holds every image (paths listed on stdin, several arguments). */
function datasetFolder(images: readonly LocalImage[], cwd: string): string {
  const folders = new Set(images.map((image) => image.folder));
  const [only] = folders;
  if (folders.size === 1 && only !== undefined) return path.resolve(cwd, only);
  return images.map((image) => path.dirname(image.path)).reduce(commonFolder);
}

function commonFolder(a: string, b: string): string {
  let common = a;
  while (!isInside(common, b)) common = path.dirname(common);
  return common;
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** `file_name` as imagefolder wants it: relative to the dataset folder, with forward slashes. */
export const relativeName = (root: string, file: string): string => path.relative(root, file).split(path.sep).join('/');

/**
 * Captions go beside each image, or into `--out <folder>`; the run's journal sits in that folder (the images'
 * deepest common one when they stay beside the images), named after `CAPTIONS_ANCHOR`.
 */
function captionsTarget(request: OutputRequest, images: readonly LocalImage[], cwd: string): OutputTarget {
  const folder = request.out === undefined ? undefined : path.resolve(cwd, request.out);
  const journalFolder = folder ?? datasetFolder(images, cwd);
  return { format: 'captions', file: path.join(journalFolder, CAPTIONS_ANCHOR), root: folder };
}
