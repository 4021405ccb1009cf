import sharp, { type Metadata } from 'sharp';
import { readBmpHeader } from './bmp-header';
import { decodeFailureOf, FORMAT_LABELS } from './decode-failure';
import { ImageError } from './image-error';
import type { ImageFormat } from './image-format';
import { JPEG_HEADER_BYTES, JPEG_MAX_SIDE, readJpegFrameSize } from './jpeg-header';
import { readPngHeader } from './png-header';
import { readHead, sniffImage, SNIFF_ITEM_ERRORS } from './sniff';

export interface ImageProbe {
  format: ImageFormat;
  /** Size as stored in the file, before EXIF orientation; for animations, the size of one frame. */
  width: number;
  height: number;
  /** Frames of an animated GIF/WebP; 1 otherwise. */
  pages: number;
  /** EXIF orientation (1-8), when the file has one. */
  orientation?: number;
}

/**
 * Reads format and size from the file's headers without decoding pixels, so oversized images can be refused
 * before they cost memory. Throws `ImageError` for unsupported or corrupt files; I/O errors pass through.
 */
export async function probeImage(path: string): Promise<ImageProbe> {
  const head = await readHead(path);
  const sniffed = sniffImage(head);
  if (!sniffed.ok) throw new ImageError(sniffed.reason, { code: SNIFF_ITEM_ERRORS[sniffed.rejection] });
  const format = sniffed.format;
  // sharp cannot read BMP at all, so its header is read here.
  if (format === 'bmp') {
    const { width, height } = readBmpHeader(head);
    return { format, width, height, pages: 1 };
  }
  if (format === 'png') readPngHeader(head);
  if (format === 'jpeg') {
    const claimed = await jpegBeyondDecoder(path);
    if (claimed) return { format, ...claimed, pages: 1 };
  }

  let metadata: Metadata;
  try {
    // No pixel limit here: metadata() only parses headers, and the caller wants the real size to report it.
    metadata = await sharp(path, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw await decodeFailureOf(path, format, error);
  }
  // The sniffed signature and libvips's own detection must agree, or libvips would decode something else.
  if (metadata.format !== format) throw new ImageError(`corrupt ${FORMAT_LABELS[format]}: not readable as ${FORMAT_LABELS[format]}`);
  const { width, height } = metadata;
  if (!(width > 0 && height > 0)) throw new ImageError(`corrupt ${FORMAT_LABELS[format]}: invalid size ${width}×${height}`);
  const probe: ImageProbe = { format, width, height, pages: metadata.pages ?? 1 };
  if (metadata.orientation !== undefined) probe.orientation = metadata.orientation;
  return probe;
}

/** The size a JPEG's frame header claims when it is more than any JPEG decoder takes, so the caller refuses it by size. */
async function jpegBeyondDecoder(path: string): Promise<{ width: number; height: number } | undefined> {
  const size = readJpegFrameSize(await readHead(path, JPEG_HEADER_BYTES));
  return size && Math.max(size.width, size.height) > JPEG_MAX_SIDE ? size : undefined;
}
