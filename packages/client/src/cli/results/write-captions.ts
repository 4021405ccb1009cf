import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TItemResult } from '@vision/api-contract';
import { captionFileName, captionOf, captionSource, type CaptionSource } from '@vision/core/export-formats';
import type { FieldSpec } from '@vision/core/fields';
import { UsageError } from '../usage-error';

/** An image and its result, for its caption file. */
export interface CaptionedImage {
  /** Absolute path of the image on disk. */
  path: string;
  /** Relative to the folder given on the command line: the caption's place under `--out`. */
  name: string;
  result: TItemResult;
}

/** The field the captions hold, or the usage error saying the run asks none that can be one. */
export function requireCaptionSource(fields: readonly FieldSpec[] | undefined): CaptionSource {
  const source = captionSource(fields);
  if (source) return source;
  throw new UsageError('--format captions writes a caption or tags field: add --preset caption, --preset tags or --field caption=text.');
}

/**
 * One `<image name>.txt` per image that got a caption: beside the image, or under `folder` (keeping the
 * sub-folders of the names given). Each is written whole or not at all; an image without a caption gets none.
 */
export async function writeCaptions(
  images: readonly CaptionedImage[],
  fields: readonly FieldSpec[] | undefined,
  folder?: string,
): Promise<number> {
  const source = requireCaptionSource(fields);
  let written = 0;
  for (const image of images) {
    const caption = captionOf(image.result, source);
    if (caption === undefined) continue;
    const name = image.name.split(path.sep).join('/');
    const file =
      folder === undefined
        ? path.join(path.dirname(image.path), path.basename(captionFileName(name)))
        : path.join(folder, captionFileName(name));
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      await writeFile(temporary, `${caption}\n`);
      await rename(temporary, file);
      written += 1;
    } finally {
      await rm(temporary, { force: true });
    }
  }
  return written;
}
