import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TItemResult } from '@vision/api-contract';
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

/** Which field a caption file holds: the `caption` text field, else a tags field (joined by ", "). */
export function captionSource(fields: readonly FieldSpec[] | undefined): { field: string; type: 'text' | 'tags' } {
  const caption =
    fields?.find((field) => field.name === 'caption' && field.type === 'text') ?? fields?.find((field) => field.type === 'text');
  if (caption) return { field: caption.name, type: 'text' };
  const tags = fields?.find((field) => field.type === 'tags');
  if (tags) return { field: tags.name, type: 'tags' };
  throw new UsageError('--format captions writes a caption or tags field: add --preset caption, --preset tags or --field caption=text.');
}

/** The caption text of a result, or undefined when it has none (a failed image, an unread field). */
function captionOf(result: TItemResult, source: ReturnType<typeof captionSource>): string | undefined {
  const value = result.fields?.[source.field];
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (Array.isArray(value) && value.length > 0) return value.join(', ');
  return undefined;
}

/** `photo.jpg` → `photo.txt`: the name caption tools (taggui, JoyCaption) write and kohya's trainers read. */
export const captionFileName = (image: string): string => image.slice(0, image.length - path.extname(image).length) + '.txt';

/**
 * One `<image name>.txt` per image that got a caption: beside the image, or under `folder` (keeping the
 * sub-folders of the names given). Each is written whole or not at all; an image without a caption gets none.
 */
export async function writeCaptions(
  images: readonly CaptionedImage[],
  fields: readonly FieldSpec[] | undefined,
  folder?: string,
): Promise<number> {
  const source = captionSource(fields);
  let written = 0;
  for (const image of images) {
    const caption = captionOf(image.result, source);
    if (caption === undefined) continue;
    const file = folder === undefined ? captionFileName(image.path) : path.join(folder, captionFileName(image.name));
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
