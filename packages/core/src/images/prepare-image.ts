import sharp, { type Sharp } from 'sharp';
import { decodeBmpOffThread } from './bmp-worker-pool';
import { withDecodeSlot } from './decode-gate';
import { decodeFailureOf } from './decode-failure';
import { ImageError } from './image-error';
import { DEFAULT_MAX_INPUT_PIXELS, MAX_SENT_PIXELS, type ImageFormat } from './image-format';
import { probeImage, type ImageProbe } from './probe-image';

export interface PrepareOptions {
  /** Longest side of the output in pixels; 0 keeps the original size (still capped at MAX_SENT_PIXELS). */
  maxSide: number;
  /** Largest input, in pixels, that will be decoded at all. Defaults to DEFAULT_MAX_INPUT_PIXELS. */
  maxPixels?: number;
}

export interface PreparedImage {
  data: Buffer;
  /** Always `image/jpeg` today; the union leaves room for lossless output without changing consumers. */
  mime: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
  sourceFormat: ImageFormat;
  /** Size as stored in the source file, before EXIF orientation. */
  sourceWidth: number;
  sourceHeight: number;
  bytes: number;
}

// libvips keeps recent operations (up to 50 MB) for pipelines that repeat on the same input. Every upload is
// decoded exactly once, so the cache would only hold memory: on a 35-photo batch it was ~30 MB of peak RSS.
sharp.cache(false);

/**
 * Photos are the input, and a vision model gains nothing from lossless pixels: at quality 90 JPEG artefacts are
 * invisible to it while the request stays a fraction of a PNG's size.
 */
const JPEG_QUALITY = 90;

/**
 * Turns an uploaded file into what LM Studio reliably accepts: an upright, sRGB, 8-bit JPEG without metadata,
 * alpha flattened onto white, first frame only, no larger than `maxSide` and MAX_SENT_PIXELS.
 * Throws `ImageError` (with a reason for the user) for unsupported, corrupt or oversized images.
 */
export async function prepareImage(path: string, options: PrepareOptions): Promise<PreparedImage> {
  const maxSide = options.maxSide;
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_INPUT_PIXELS;
  if (!Number.isInteger(maxSide) || maxSide < 0) throw new RangeError(`maxSide must be a whole number ≥ 0, got ${maxSide}`);
  if (!Number.isInteger(maxPixels) || maxPixels <= 0) throw new RangeError(`maxPixels must be a whole number > 0, got ${maxPixels}`);

  const probe = await probeImage(path);
  refuseOversized(probe.width, probe.height, maxPixels);
  const target = outputSize(uprightSize(probe), maxSide);
  return withDecodeSlot(() => convert(path, probe, target, maxPixels));
}

async function convert(
  path: string,
  probe: ImageProbe,
  target: { width: number; height: number } | null,
  maxPixels: number,
): Promise<PreparedImage> {
  // Outside the try: an I/O error reading a BMP is not a corrupt image, and decodeBmp throws ImageErrors itself.
  const pipeline = await openPipeline(path, probe.format, maxPixels);
  try {
    pipeline.autoOrient();
    if (target) pipeline.resize({ width: target.width, height: target.height, fit: 'fill' });
    // toColourspace('srgb') also turns CMYK, grey and 16-bit input into 8-bit, 3-channel RGB.
    pipeline.flatten({ background: '#ffffff' }).toColourspace('srgb').jpeg({ quality: JPEG_QUALITY });
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return {
      data,
      mime: 'image/jpeg',
      width: info.width,
      height: info.height,
      sourceFormat: probe.format,
      sourceWidth: probe.width,
      sourceHeight: probe.height,
      bytes: data.length,
    };
  } catch (error) {
    if (error instanceof Error && /exceeds pixel limit/i.test(error.message)) {
      // Only reachable when the decoder finds more pixels than the header declared.
      throw new ImageError(`image is larger than its header declares, above the ${megapixels(maxPixels)} MP limit`, {
        cause: error,
        code: 'image-too-large',
      });
    }
    throw await decodeFailureOf(path, probe.format, error);
  }
}

/**
 * `failOn: 'error'` refuses truncated files and decoder errors (a half-grey JPEG is worse than a clear refusal)
 * but tolerates warnings, such as slightly damaged entropy-coded data, that phone and camera JPEGs often carry.
 * `limitInputPixels` repeats the header check inside libvips, in case a header under-reports its size.
 * `pages: 1` decodes only the first frame of an animation instead of stacking all frames into one tall image.
 */
async function openPipeline(path: string, format: ImageFormat, maxPixels: number): Promise<Sharp> {
  if (format !== 'bmp') return sharp(path, { failOn: 'error', limitInputPixels: maxPixels, pages: 1, page: 0 });
  const bmp = await decodeBmpOffThread(path);
  return sharp(bmp.data, { raw: { width: bmp.width, height: bmp.height, channels: bmp.channels }, limitInputPixels: maxPixels });
}

function refuseOversized(width: number, height: number, maxPixels: number): void {
  if (width * height <= maxPixels) return;
  throw new ImageError(`image is ${width}×${height} (${megapixels(width * height)} MP), above the ${megapixels(maxPixels)} MP limit`, {
    code: 'image-too-large',
  });
}

function megapixels(pixels: number): string {
  const value = pixels / 1_000_000;
  return String(value >= 10 ? Math.round(value) : Math.round(value * 10) / 10);
}

/** EXIF orientations 5-8 turn the image a quarter turn, so width and height swap. */
function uprightSize(probe: ImageProbe): { width: number; height: number } {
  const quarterTurn = (probe.orientation ?? 1) >= 5;
  return quarterTurn ? { width: probe.height, height: probe.width } : { width: probe.width, height: probe.height };
}

/**
 * The output size, or null when the upright image already fits. One scale factor serves both limits: the longest
 * side (if maxSide > 0) and LM Studio's pixel ceiling, which applies even when maxSide is 0. The size is computed
 * here and resized to exactly ('fill'), because sharp's 'inside' rounds each side on its own and can land a pixel
 * short of maxSide; rounding here distorts the aspect ratio by under half a pixel.
 */
export function outputSize(size: { width: number; height: number }, maxSide: number): { width: number; height: number } | null {
  const sideScale = maxSide > 0 ? maxSide / Math.max(size.width, size.height) : 1;
  const pixelScale = Math.sqrt(MAX_SENT_PIXELS / (size.width * size.height));
  const scale = Math.min(sideScale, pixelScale);
  if (scale >= 1) return null;
  const limit = maxSide > 0 ? maxSide : Number.POSITIVE_INFINITY;
  let width = Math.min(limit, Math.max(1, Math.round(size.width * scale)));
  let height = Math.min(limit, Math.max(1, Math.round(size.height * scale)));
  // Rounding up may overshoot the ceiling by a row or column.
  while (width * height > MAX_SENT_PIXELS) {
    if (width >= height) width -= 1;
    else height -= 1;
  }
  return { width, height };
}
