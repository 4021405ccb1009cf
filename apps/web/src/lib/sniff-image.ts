/**
 * The browser's copy of the server's sniffing (packages/core/src/images/sniff.ts): the format comes from the
 * first bytes, never from the name or MIME type, so a text file named .png is marked before it is uploaded.
 * The server checks again and has the last word.
 */
export const SNIFF_BYTES = 512;

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp';
export type SniffRejection = 'empty' | 'svg' | 'html' | 'corrupt-png' | 'tiff' | 'pdf' | 'zip' | 'heic' | 'avif' | 'unknown';
export type SniffResult = { ok: true; format: ImageFormat } | { ok: false; reason: SniffRejection };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const BMP_DIB_HEADER_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

export async function sniffFile(file: Blob): Promise<SniffResult> {
  if (file.size === 0) return { ok: false, reason: 'empty' };
  return sniffImage(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
}

export function sniffImage(head: Uint8Array): SniffResult {
  if (head.length === 0) return { ok: false, reason: 'empty' };
  const format = detectSupported(head);
  return format ? { ok: true, format } : { ok: false, reason: describeUnsupported(head) };
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
  if (latin1(head, 1, 4).toUpperCase() === 'PNG') return 'corrupt-png';
  const ihdrAt = latin1(head, 0, 24).indexOf('IHDR');
  if (ihdrAt >= 8 && ihdrAt <= 20) return 'corrupt-png';
  const magic4 = latin1(head, 0, 4);
  if (['II*\0', 'MM\0*', 'II+\0', 'MM\0+'].includes(magic4)) return 'tiff';
  if (['PK\x03\x04', 'PK\x05\x06', 'PK\x07\x08'].includes(magic4)) return 'zip';
  if (latin1(head, 4, 8) === 'ftyp') {
    const brands = isoBrands(head);
    if (brands.some((brand) => AVIF_BRANDS.has(brand))) return 'avif';
    if (brands.some((brand) => HEIC_BRANDS.has(brand))) return 'heic';
  }
  const text = latin1(head, startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0, head.length).trimStart().toLowerCase();
  if (text.startsWith('%pdf-')) return 'pdf';
  if (text.startsWith('<')) {
    if (/^<!doctype\s+html|<html[\s>]|^<(head|body|script|meta|title|div|iframe|style|link)[\s>/]/.test(text)) return 'html';
    if (/<svg[\s>/]|<!doctype\s+svg/.test(text)) return 'svg';
  }
  return 'unknown';
}

function isoBrands(head: Uint8Array): string[] {
  const boxEnd = Math.min(readUint32BE(head, 0), head.length);
  const brands = [latin1(head, 8, 12)];
  for (let offset = 16; offset + 4 <= boxEnd; offset += 4) brands.push(latin1(head, offset, offset + 4));
  return brands;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}

/** One character per byte, so offsets in the string are offsets in the file. */
function latin1(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let index = start; index < Math.min(end, bytes.length); index += 1) text += String.fromCharCode(bytes[index] ?? 0);
  return text;
}

function readUint32LE(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8) | ((bytes[offset + 2] ?? 0) << 16) | ((bytes[offset + 3] ?? 0) << 24)) >>> 0;
}

function readUint32BE(bytes: Uint8Array, offset: number): number {
  return (((bytes[offset] ?? 0) << 24) | ((bytes[offset + 1] ?? 0) << 16) | ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0)) >>> 0;
}
