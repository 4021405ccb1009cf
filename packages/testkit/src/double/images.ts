import sharp from 'sharp';
import { imageTooLarge, MAX_IMAGE_PIXELS, notBase64Image, type ErrorReply } from './errors';
import { fingerprintAsStored, type ImageFingerprint } from './fingerprint';
import type { LoggedImage } from './types';

export type SniffedFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'bmp' | 'unknown';

/** Formats are judged by their bytes, as LM Studio's loader does, whatever the data URL claims. */
export function sniffImageFormat(bytes: Uint8Array): SniffedFormat {
  const starts = (...signature: number[]): boolean => signature.every((byte, i) => bytes[i] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50)
    return 'webp';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (starts(0x42, 0x4d)) return 'bmp';
  return 'unknown';
}

export interface ReceivedImage extends LoggedImage {
  fingerprint: ImageFingerprint;
}

export type ImageInspection = { ok: true; image: ReceivedImage } | { ok: false; reply: ErrorReply };

const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*);base64,/i;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Checks one image the way LM Studio does over /v1: only base64 data URLs of PNG or JPEG (WebP is
 * documented but refused, #1027/#1752), the pixel limit before any resizing (#2003), then a real decode.
 */
export async function inspectImageUrl(url: unknown): Promise<ImageInspection> {
  if (typeof url !== 'string') return { ok: false, reply: notBase64Image() };
  const header = DATA_URL.exec(url);
  if (!header) return { ok: false, reply: notBase64Image() };
  const payload = url.slice(header[0].length).replace(/\s+/g, '');
  if (!BASE64.test(payload)) return { ok: false, reply: notBase64Image() };

  const bytes = Buffer.from(payload, 'base64');
  const format = sniffImageFormat(bytes);
  if (format !== 'png' && format !== 'jpeg') return { ok: false, reply: notBase64Image() };

  let width: number;
  let height: number;
  let orientation: number | undefined;
  try {
    const metadata = await sharp(bytes).metadata();
    width = metadata.width ?? 0;
    height = metadata.height ?? 0;
    orientation = metadata.orientation;
  } catch {
    return { ok: false, reply: notBase64Image() };
  }
  if (width * height > MAX_IMAGE_PIXELS) return { ok: false, reply: imageTooLarge(width, height) };

  let fingerprint: ImageFingerprint;
  try {
    fingerprint = await fingerprintAsStored(bytes);
  } catch {
    return { ok: false, reply: notBase64Image() };
  }
  return {
    ok: true,
    image: {
      mime: `image/${format}`,
      declaredMime: header[1] ?? '',
      width,
      height,
      bytes: bytes.length,
      ...(orientation === undefined ? {} : { orientation }),
      fingerprint,
    },
  };
}

/** Visual tokens the model spends on one image, after LM Studio's optional 1024 px downscale. */
export function visualTokensFor(
  image: { width: number; height: number },
  scheme: 'qwen' | 'gemma',
  downscaleTo1024: boolean,
): number {
  // Gemma 3's encoder always works on a fixed 896x896 crop.
  if (scheme === 'gemma') return 256;
  const scale = downscaleTo1024 ? Math.min(1, 1024 / Math.max(image.width, image.height)) : 1;
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  return Math.ceil(width / 32) * Math.ceil(height / 32);
}
