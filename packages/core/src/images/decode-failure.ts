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
  const reason = usable ? truncate(detail, 120) : 'the image data could not be decoded';
  return new ImageError(`corrupt ${FORMAT_LABELS[format]}: ${reason}`, { cause: error });
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
