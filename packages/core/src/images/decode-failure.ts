import { open } from 'node:fs/promises';
import { ImageError } from './image-error';
import type { ImageFormat } from './image-format';

export const FORMAT_LABELS: Readonly<Record<ImageFormat, string>> = {
  png: 'PNG',
  jpeg: 'JPEG',
  gif: 'GIF',
  bmp: 'BMP',
  webp: 'WebP',
};

/**
 * Turns a libvips error into a short reason. libvips messages repeat themselves over several lines
 * ("Input file has corrupt header: VipsJpeg: premature end of JPEG image\nVipsJpeg: ..."); the first
 * specific line is the useful one.
 */
export function decodeFailure(format: ImageFormat, error: unknown): ImageError {
  if (error instanceof ImageError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const detail = (message.split('\n')[0] ?? '')
    .replace(/^Input (file|buffer) (has corrupt header|contains unsupported image format):?\s*/i, '')
    .replace(/^(Vips\w*|vipspng|\w+load):\s*/i, '')
    .trim();
  const usable = detail !== '' && !/^unknown error$/i.test(detail);
  const reason = usable ? truncate(detail, 120) : UNDECODABLE;
  return new ImageError(`corrupt ${FORMAT_LABELS[format]}: ${reason}`, { cause: error });
}

const UNDECODABLE = 'the image data could not be decoded';
/** libjpeg's own words for a file cut short. */
const JPEG_CUT_SHORT = 'premature end of JPEG image';

/**
 * `decodeFailure` for a file on disk. libvips keeps its error text in one buffer for the whole process: when several
 * images decode at once, a failing decode may find it empty or holding another image's words. The commonest JPEG
 * failure is told without it: a JPEG that does not end with its end-of-image marker was cut short (an interrupted
 * copy or download), whatever the buffer says.
 */
export async function decodeFailureOf(path: string, format: ImageFormat, error: unknown): Promise<ImageError> {
  if (format === 'jpeg' && !(error instanceof ImageError) && !(await endsWithJpegEndMarker(path))) {
    return new ImageError(`corrupt JPEG: ${JPEG_CUT_SHORT}`, { cause: error });
  }
  return decodeFailure(format, error);
}

async function endsWithJpegEndMarker(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const tail = Buffer.alloc(2);
    const { bytesRead } = await file.read(tail, 0, 2, Math.max(0, size - 2));
    return bytesRead === 2 && tail[0] === 0xff && tail[1] === 0xd9;
  } finally {
    await file.close();
  }
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
