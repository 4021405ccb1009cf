import type { ItemErrorCode } from '../schemas/error-codes';
import type { ImageFormat } from './image-format';

export type { ImageFormat };

/**
 * Pure and dependency-free: also imported by the web app as `@vision/core/sniff`, which marks a text file
 * named .png before it is uploaded; the server sniffs again and has the last word.
 */

/** Why the bytes are not an image we take; the web app translates these, the server says `reason`. */
export type SniffRejection = 'empty' | 'svg' | 'html' | 'corrupt-png' | 'tiff' | 'pdf' | 'zip' | 'heic' | 'avif' | 'unknown';

export type SniffResult = { ok: true; format: ImageFormat } | { ok: false; rejection: SniffRejection; reason: string };

/**
 * How much of a file `sniffFile` reads. Binary signatures need 16 bytes; the rest is for text formats,
 * where `<svg` may come after an XML declaration, a doctype or an editor's comment.
 */
export const SNIFF_BYTES = 512;

export const SNIFF_REASONS: Readonly<Record<SniffRejection, string>> = {
  empty: 'empty file',
  'corrupt-png': 'corrupt PNG: bad signature',
  tiff: 'TIFF is not supported',
  zip: 'ZIP archives are not supported',
  avif: 'AVIF is not supported',
  heic: 'HEIC is not supported',
  pdf: 'PDF is not supported',
  html: 'HTML is not an image',
  svg: 'SVG is not supported',
  unknown: 'not an image (unrecognised format)',
};

/** The item failure a rejection becomes when the file is part of a batch. */
export const SNIFF_ITEM_ERRORS: Readonly<Record<SniffRejection, ItemErrorCode>> = {
  empty: 'empty-file',
  'corrupt-png': 'corrupt-image',
  tiff: 'unsupported-format',
  zip: 'unsupported-format',
  avif: 'unsupported-format',
  heic: 'unsupported-format',
  pdf: 'unsupported-format',
  svg: 'unsupported-format',
  html: 'not-an-image',
  unknown: 'not-an-image',
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** DIB header sizes that real BMP writers produce; "BM" alone is too weak (a text file may start with it). */
const BMP_DIB_HEADER_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

/**
 * Decides the format from the bytes alone: names and MIME types come from the client and prove nothing.
 * `head` should be the file's first `SNIFF_BYTES` bytes (fewer is fine, the whole file is too).
 */
export function sniffImage(head: Uint8Array): SniffResult {
  const format = head.length === 0 ? null : detectSupported(head);
  if (format) return { ok: true, format };
  const rejection = head.length === 0 ? 'empty' : describeUnsupported(head);
  return { ok: false, rejection, reason: SNIFF_REASONS[rejection] };
}

function detectSupported(head: Uint8Array): ImageFormat | null {
  if (startsWith(head, PNG_SIGNATURE)) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  const magic6 = latin1(head, 0, 6);
  if (magic6 === 'GIF87a' || magic6 === 'GIF89a') return 'gif';
  if (latin1(head, 0, 4) === 'RIFF' && latin1(head, 8, 12) === 'WEBP') return 'webp';
  if (latin1(head, 0, 2) === 'BM' && head.length >= 18 && BMP_DIB_HEADER_SIZES.has(readUint32LE(head, 14))) return 'bmp';
  return null;
}

function describeUnsupported(head: Uint8Array): SniffRejection {
  if (looksLikeDamagedPng(head)) return 'corrupt-png';
  const magic4 = latin1(head, 0, 4);
  if (magic4 === 'II*\0' || magic4 === 'MM\0*' || magic4 === 'II+\0' || magic4 === 'MM\0+') return 'tiff';
  if (magic4 === 'PK\x03\x04' || magic4 === 'PK\x05\x06' || magic4 === 'PK\x07\x08') return 'zip';
  const isoBrand = isoMediaBrand(head);
  if (isoBrand) return isoBrand;
  const text = leadingText(head);
  if (text.startsWith('%pdf-')) return 'pdf';
  if (text.startsWith('<')) {
    // HTML first: a page may embed an inline <svg> near its top, but it is still a page.
    if (/^<!doctype\s+html|<html[\s>]|^<(head|body|script|meta|title|div|iframe|style|link)[\s>/]/.test(text)) return 'html';
    if (/<svg[\s>/]|<!doctype\s+svg/.test(text)) return 'svg';
  }
  return 'unknown';
}

/**
 * PngSuite's x*n0g0* files mangle the signature (a lost high bit, a changed letter, CR/LF added by a text-mode
 * transfer). When the bytes still clearly aim at PNG, say so: "corrupt" tells the user more than "unknown".
 */
function looksLikeDamagedPng(head: Uint8Array): boolean {
  if (latin1(head, 1, 4).toUpperCase() === 'PNG') return true;
  const ihdrAt = latin1(head, 0, 24).indexOf('IHDR');
  return ihdrAt >= 8 && ihdrAt <= 20;
}

/** HEIC and AVIF are ISO media files: `ftyp` at offset 4, then a major brand and compatible brands. */
function isoMediaBrand(head: Uint8Array): 'heic' | 'avif' | null {
  if (latin1(head, 4, 8) !== 'ftyp') return null;
  const boxEnd = Math.min(readUint32BE(head, 0), head.length);
  const brands = [latin1(head, 8, 12)];
  for (let offset = 16; offset + 4 <= boxEnd; offset += 4) brands.push(latin1(head, offset, offset + 4));
  // mif1/msf1 are the generic HEIF brands: AVIF files use them too, with `avif` among the compatible brands.
  if (brands.some((brand) => AVIF_BRANDS.has(brand))) return 'avif';
  if (brands.some((brand) => HEIC_BRANDS.has(brand))) return 'heic';
  return null;
}

/** The head as lower-case text without a UTF-8 byte-order mark or leading whitespace. */
function leadingText(head: Uint8Array): string {
  const start = startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  return latin1(head, start, head.length).trimStart().toLowerCase();
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}

/** One character per byte, so offsets in the string are offsets in the file (no Buffer: this runs in browsers). */
function latin1(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let index = start; index < Math.min(end, bytes.length); index += 1) text += String.fromCharCode(bytes[index] ?? 0);
  return text;
}

function readUint32LE(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8) | ((bytes[offset + 2] ?? 0) << 16) | ((bytes[offset + 3] ?? 0) << 24)) >>> 0
  );
}

function readUint32BE(bytes: Uint8Array, offset: number): number {
  return (
    (((bytes[offset] ?? 0) << 24) | ((bytes[offset + 1] ?? 0) << 16) | ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0)) >>> 0
  );
}
