import sharp from 'sharp';
import { imageTooLarge, MAX_IMAGE_PIXELS, type ErrorReply } from './errors';
import { decodeBmp } from './bmp';
import { fingerprintAsDisplayed, fingerprintAsStored, type ImageFingerprint } from './fingerprint';
import type { LoggedImage } from './types';

export type SniffedFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'bmp' | 'unknown';

/** Formats are judged by their bytes, as LM Studio's loader does, whatever the data URL claims. */
export function sniffImageFormat(bytes: Uint8Array): SniffedFormat {
  const starts = (...signature: number[]): boolean => signature.every((byte, i) => bytes[i] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'webp';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (starts(0x42, 0x4d)) return 'bmp';
  return 'unknown';
}

export interface ReceivedImage extends LoggedImage {
  fingerprint: ImageFingerprint;
}

export type ImageInspection = { ok: true; image: ReceivedImage } | { ok: false; reply: ErrorReply };

/** How one server kind reads an `image_url`: what it decodes and how it refuses the rest. */
export interface ImagePolicy {
  /** Formats it decodes, judged by the bytes. */
  accepts: ReadonlySet<SniffedFormat>;
  /** Its answer to anything else, a malformed data URL included. */
  refused: () => ErrorReply;
  /** Ollama reads only data URLs starting with one of its own `data:image/<type>;base64,` prefixes. */
  declaredTypes?: readonly string[];
  /** Its answer to an http(s) URL (the double fetches nothing). */
  remoteUrl?: () => ErrorReply;
  /** LM Studio's limit of 26,214,400 pixels, checked before any resizing (#2003). */
  pixelLimit?: boolean;
}

const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*);base64,/i;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Checks one image the way the server does: its data URL, its bytes, (LM Studio) its size, then a real decode. */
export async function inspectImageUrl(url: unknown, policy: ImagePolicy): Promise<ImageInspection> {
  const refuse = (reply = policy.refused()): ImageInspection => ({ ok: false, reply });
  if (typeof url !== 'string') return refuse();
  if (policy.remoteUrl && /^https?:\/\//i.test(url)) return refuse(policy.remoteUrl());
  const header = DATA_URL.exec(url);
  if (!header) return refuse();
  const declared = (header[1] ?? '').toLowerCase();
  if (policy.declaredTypes && !policy.declaredTypes.some((type) => declared === `image/${type}` && header[2] === '')) return refuse();
  const payload = url.slice(header[0].length).replace(/\s+/g, '');
  if (!BASE64.test(payload)) return refuse();

  const bytes = Buffer.from(payload, 'base64');
  const format = sniffImageFormat(bytes);
  if (!policy.accepts.has(format)) return refuse();

  let decoded: { width: number; height: number; orientation: number | undefined; fingerprint: ImageFingerprint };
  try {
    decoded = await decode(bytes, format);
  } catch {
    return refuse();
  }
  const { width, height, orientation, fingerprint } = decoded;
  if (policy.pixelLimit && width * height > MAX_IMAGE_PIXELS) return refuse(imageTooLarge(width, height));
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

/** sharp cannot read BMP, which llama.cpp and vLLM decode: the double's own decoder reads it. */
async function decode(bytes: Buffer, format: SniffedFormat) {
  if (format === 'bmp') {
    const raw = decodeBmp(bytes);
    return { width: raw.width, height: raw.height, orientation: undefined, fingerprint: await fingerprintAsDisplayed(raw) };
  }
  const metadata = await sharp(bytes).metadata();
  return {
    width: metadata.width ?? 0,
    height: metadata.height ?? 0,
    orientation: metadata.orientation,
    fingerprint: await fingerprintAsStored(bytes),
  };
}

/** Visual tokens the model spends on one image, after LM Studio's optional 1024 px downscale. */
export function visualTokensFor(image: { width: number; height: number }, scheme: 'qwen' | 'gemma', downscaleTo1024: boolean): number {
  // Gemma 3's encoder always works on a fixed 896x896 crop.
  if (scheme === 'gemma') return 256;
  const scale = downscaleTo1024 ? Math.min(1, 1024 / Math.max(image.width, image.height)) : 1;
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  return Math.ceil(width / 32) * Math.ceil(height / 32);
}
